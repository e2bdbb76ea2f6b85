import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run build` (scripts/build.js): TypeScript's build mode, with what build mode alone would miss. */
describe('the build', () => {
  const root = join(__dirname, '..', '..');
  const build = () => spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, encoding: 'utf8' });

  test('brings back an output deleted since the last build, and copies the disk script to dist/', () => {
    expect(build().status).toBe(0);
    // A file no test imports from dist/, so workers running beside this test are not disturbed.
    const output = join(root, 'dist', 'stacks', 'json-spans.js');
    rmSync(output);
    rmSync(join(root, 'dist', 'lib', 'pool', 'data-disks.sh'));
    const result = build();
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(existsSync(output)).toBe(true);
    expect(existsSync(join(root, 'dist', 'lib', 'pool', 'data-disks.sh'))).toBe(true);
  }, 60_000);
});

import { execFileSync, spawnSync } from 'node:child_process';

/** Every shell script tracked in the repository: `*.sh` files and the CI entry point. */
function shellScripts(): string[] {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\n');
  return tracked.filter((file) => file.endsWith('.sh') || file === '.ci/run');
}

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const required = process.env.CI === 'true';

describe('shell scripts', () => {
  if (!hasShellcheck && !required) {
    test.skip('shellcheck is not installed here (CI installs it and runs this test)', () => undefined);
    return;
  }

  test('shellcheck is available', () => {
    expect(hasShellcheck).toBe(true);
  });

  test.each(shellScripts())('%s passes shellcheck', (file) => {
    const result = spawnSync('shellcheck', ['--severity=style', file], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `npm run build` (scripts/build.js): TypeScript's build mode, with what build mode alone would miss.
 * Run on a project of four files laid out like this one, so that a forced rebuild costs a fraction of
 * a second instead of a full compile of the library. It is built once; each test copies it with its
 * timestamps, which build mode then finds up to date (so a missing output is build.js's to notice).
 */
describe('the build', () => {
  const script = join(__dirname, '..', '..', 'scripts', 'build.js');
  /** A project built once; each test works on a copy of it (timestamps kept, so build mode sees it built). */
  let built: string;
  let root: string;
  const build = () => spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = built = mkdtempSync(join(tmpdir(), 'build-'));
    write('tsconfig.build.json', JSON.stringify({
      // No library: the ten global types TypeScript needs are declared empty in globals.d.ts, which is
      // all these files use (the ES5 library alone took 0.1 s more of each build to load).
      compilerOptions: { strict: true, target: 'ES2022', noLib: true, skipLibCheck: true, module: 'commonjs', declaration: true, outDir: 'dist', rootDir: '.', types: [], incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['globals.d.ts', 'lib/**/*.ts', 'stacks/**/*.ts'],
    }));
    write('globals.d.ts', ['Array<T>', 'Boolean', 'CallableFunction', 'Function', 'IArguments', 'NewableFunction', 'Number', 'Object', 'RegExp', 'String'].map((type) => `interface ${type} {}\n`).join(''));
    write('lib/pool/pool.ts', 'export const pool: string = "work";\n');
    write('lib/pool/extra.ts', 'export const extra = 1;\n');
    write('lib/pool/data-disks.sh', '#!/usr/bin/env bash\necho ready\n');
    write('stacks/main.ts', 'import { pool } from "../lib/pool/pool";\nexport const main = pool;\n');
    const first = build();
    if (first.status !== 0) throw new Error(`the first build failed: ${first.stdout}${first.stderr}`);
  });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-'));
    cpSync(built, root, { recursive: true, preserveTimestamps: true });
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  test('compiles and copies the disk script to dist/; the next build compiles a source added since and brings back an output deleted since, and the disk script', () => {
    expect(readFileSync(join(root, 'dist/stacks/main.js'), 'utf8')).toContain('pool');
    expect(readFileSync(join(root, 'dist/lib/pool/data-disks.sh'), 'utf8')).toBe('#!/usr/bin/env bash\necho ready\n');
    rmSync(join(root, 'dist/stacks/main.js'));
    rmSync(join(root, 'dist/lib/pool/data-disks.sh'));
    write('lib/pool/added.ts', 'export const added = 2;\n');
    const result = build();
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(existsSync(join(root, 'dist/stacks/main.js'))).toBe(true);
    expect(existsSync(join(root, 'dist/lib/pool/data-disks.sh'))).toBe(true);
    expect(readFileSync(join(root, 'dist/lib/pool/added.js'), 'utf8')).toContain('added = 2');
  });

  test('brings back an output deleted since whose source was touched but not changed, which build mode alone does not emit again', () => {
    rmSync(join(root, 'dist/lib/pool/extra.js'));
    // Newer than the build info, so the build is not forced up front; build mode then finds the
    // content unchanged and emits nothing, and only the check after it brings the output back.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'lib/pool/extra.ts'), later, later);
    const result = build();
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(readFileSync(join(root, 'dist/lib/pool/extra.js'), 'utf8')).toContain('extra = 1');
  });

  test('the first build after packages were installed is forced, since build mode does not look at node_modules', () => {
    const before = statSync(join(root, 'dist/stacks/main.js')).mtimeMs;
    // npm writes this file on every install; its time is now, after the last build.
    write('node_modules/.package-lock.json', '{}\n');
    expect(build().status).toBe(0);
    expect(statSync(join(root, 'dist/stacks/main.js')).mtimeMs).toBeGreaterThan(before);
  });

  test('removes the outputs of a source removed since the last build, so they are not packed', () => {
    expect([existsSync(join(root, 'dist/lib/pool/extra.js')), existsSync(join(root, 'dist/lib/pool/extra.d.ts'))]).toEqual([true, true]);
    rmSync(join(root, 'lib/pool/extra.ts'));
    expect(build().status).toBe(0);
    expect([existsSync(join(root, 'dist/lib/pool/extra.js')), existsSync(join(root, 'dist/lib/pool/extra.d.ts'))]).toEqual([false, false]);
    expect(existsSync(join(root, 'dist/lib/pool/pool.js'))).toBe(true);
  });

  test('fails on a type error, also when nothing else changed since the last build', () => {
    write('lib/pool/pool.ts', 'export const pool: string = 42;\n');
    const result = build();
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/lib\/pool\/pool\.ts.*error TS2322/);
  });
});

#!/usr/bin/env node
// `npm run build`: TypeScript's build mode, which skips an unchanged project (0.2 s against 1.2 s for
// `tsc -p`; the app command cdktf.json runs pays it on every synth) and still fails on type errors.
// Build mode trusts its build info, so an output deleted since the last build would not come back:
// when one is missing, the build runs again with --force. Then the disk script is copied to dist/.
//
//   node scripts/build.js [PROJECT_ROOT]     the root defaults to this repository (its tests pass a small one)
'use strict';
const { spawnSync } = require('node:child_process');
const { copyFileSync, existsSync, readdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(process.argv[2] ?? join(__dirname, '..'));
const tsc = require.resolve('typescript/bin/tsc');

function build(...extra) {
  const result = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json', ...extra], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Whether every .ts source under `dir` has its .js in dist/. */
function outputsPresent(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).every((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return outputsPresent(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) return true;
    return existsSync(join(root, 'dist', path.replace(/\.ts$/, '.js')));
  });
}

build();
if (!['lib', 'stacks'].every(outputsPresent)) build('--force');
copyFileSync(join(root, 'lib/pool/data-disks.sh'), join(root, 'dist/lib/pool/data-disks.sh'));

#!/usr/bin/env node
// `npm test [-- <jest arguments>]`: the build, then lint, type check, the API report check and jest,
// side by side (they share nothing but dist/, which only the build writes and which runs first). The
// output of each check is printed whole when it ends, jest's as it runs; the exit code is non-zero when
// any failed, and each failure is named at the end. ESLint and the type check keep caches under
// node_modules/.cache (ESLint's --cache; TypeScript's incremental build info), so a run after a small
// change re-checks what changed; a fresh clone checks everything.
//
// `npm run test:cdktn` (`--engine cdktn`): the same under CDK Terrain. The build is the cdktn flavour's
// (scripts/build-flavour.js, which type-checks lib/ and stacks/ against cdktn), the type check reads
// cdktn's types for every file, tests included (tsconfig.cdktn.json), and jest runs the whole suite
// with cdktf resolved to cdktn (jest.cdktn.config.js). Lint and the API report do not depend on the
// engine and are left to `npm test`.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cache = join(root, 'node_modules', '.cache');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const args = process.argv.slice(2);
const engineAt = args.indexOf('--engine');
const engine = engineAt >= 0 ? args.splice(engineAt, 2)[1] : 'cdktf';
if (engine !== 'cdktf' && engine !== 'cdktn') {
  console.error(`npm test: --engine ${engine} is not cdktf or cdktn`);
  process.exit(2);
}
const cdktn = engine === 'cdktn';

const build = spawnSync(process.execPath, cdktn ? [join(__dirname, 'build-flavour.js'), 'cdktn'] : [join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error(`npm test: the ${cdktn ? 'cdktn flavour\'s ' : ''}build failed`);
  process.exit(build.status ?? 1);
}

const typecheck = (project, info) => ({ name: `typecheck (${engine})`, args: [bin('typescript', 'bin/tsc'), '-p', project, '--noEmit', '--incremental', '--tsBuildInfoFile', join(cache, info)] });
const checks = cdktn ? [
  typecheck('tsconfig.cdktn.json', 'typecheck-cdktn.tsbuildinfo'),
  { name: 'jest (cdktn)', args: [bin('jest', 'bin/jest.js'), '--config', 'jest.cdktn.config.js', ...args], live: true },
] : [
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '--cache', '--cache-location', join(cache, 'eslint') + '/', '.'] },
  typecheck('tsconfig.json', 'typecheck.tsbuildinfo'),
  { name: 'api:check', args: [bin('@microsoft/api-extractor', 'bin/api-extractor'), 'run', '--print-api-report-diff'] },
  { name: 'jest', args: [bin('jest', 'bin/jest.js'), ...args], live: true },
];

const failed = [];
let running = checks.length;
for (const check of checks) {
  const child = spawn(process.execPath, check.args, { cwd: root, stdio: check.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  if (!check.live) {
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
  }
  child.on('close', (code, signal) => {
    if (code !== 0) failed.push(`${check.name} (${signal ?? `exit ${code}`})`);
    // A passing check's output is left out, except jest's: it is the report.
    if (code !== 0 && output.trim() !== '') process.stderr.write(`\n--- ${check.name} ---\n${output}`);
    if (--running === 0) {
      if (failed.length > 0) console.error(`\nnpm test: failed: ${failed.join(', ')}`);
      process.exitCode = failed.length > 0 ? 1 : 0;
    }
  });
}

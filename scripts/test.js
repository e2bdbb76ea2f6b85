#!/usr/bin/env node
// `npm test [-- <jest arguments>]`: the build, then lint, type check, the API report check and jest,
// side by side (they share nothing but dist/, which only the build writes and which runs first). The
// output of each check is printed whole when it ends, jest's as it runs; the exit code is non-zero when
// any failed, and each failure is named at the end. ESLint and the type check keep caches under
// node_modules/.cache (ESLint's --cache; TypeScript's incremental build info), so a run after a small
// change re-checks what changed; a fresh clone checks everything.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cache = join(root, 'node_modules', '.cache');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const build = spawnSync(process.execPath, [join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm test: the build failed');
  process.exit(build.status ?? 1);
}

const checks = [
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '--cache', '--cache-location', join(cache, 'eslint') + '/', '.'] },
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join(cache, 'typecheck.tsbuildinfo')] },
  { name: 'api:check', args: [bin('@microsoft/api-extractor', 'bin/api-extractor'), 'run', '--print-api-report-diff'] },
  { name: 'jest', args: [bin('jest', 'bin/jest.js'), ...process.argv.slice(2)], live: true },
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

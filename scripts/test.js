#!/usr/bin/env node
// `npm test [-- <jest arguments>]`: the build, lint, type check and jest side by side, and the API
// report check once the build has passed (it reads the declarations the build writes to dist/; nothing
// else reads dist/: jest and the type check read the sources). The output of each check is printed
// whole when it ends, jest's as it runs; the exit code is non-zero when any failed, and each failure is
// named at the end. The checks keep caches under node_modules/.cache, so
// a run after a small change re-checks what changed and a fresh clone checks everything:
// - lint is skipped when every file ESLint may lint (scripts/lint-files.js) and the configurations hash
//   as they did when it last passed, and otherwise uses ESLint's --cache (its start-up alone costs 0.8
//   CPU-seconds);
// - the type check is TypeScript's build mode (tsconfig.typecheck.json, noEmit), which skips the check
//   when none of the project's files is newer than its build info (0.4 s against 1.5 s). It does not
//   look at node_modules, so it is forced when packages were installed since (scripts/installed.js).
//   TypeScript leaves that file as it was when nothing it checks changed, so a touched tsconfig would
//   make every later run check again: after a pass, its time is set to when the check started (an
//   input edited during it stays newer);
// - the API report check is skipped when its inputs (the declarations in dist/, the report, the
//   configurations and the lock file) hash as they did when it last passed;
// - jest's transform cache (jest.config.js).
// Jest's processes run with two V8 settings (`node --v8-options` lists both; its workers inherit them):
// - a young generation of 64 MiB (--max-semi-space-size=64): synth allocates many short-lived objects,
//   which the default size collects several times as often;
// - no optimizing compiler (--no-turbofan): jest gives each test file fresh copies of every module, so
//   the code it would optimize runs in one file and is optimized again in the next.
// Measured on the 2-core machine, jest alone, in runs of one hour: with both, 2-3 CPU-seconds fewer
// than with the first alone, which saves 1-2 more than neither.
//
// `npm run test:cdktn` (`--engine cdktn`): the same under CDK Terrain. The build is the cdktn flavour's
// (scripts/build-flavour.js, which type-checks lib/ and stacks/ against cdktn), the type check reads
// cdktn's types for every file, tests included (tsconfig.cdktn.json), and jest runs the whole suite
// with cdktf resolved to cdktn (jest.cdktn.config.js). Lint and the API report do not depend on the
// engine and are left to `npm test`.
'use strict';
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { installedSince } = require('./installed');
const { filesUnder, lintFiles } = require('./lint-files');

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

const build = { name: `build${cdktn ? ' (cdktn flavour)' : ''}`, args: cdktn ? [join(__dirname, 'build-flavour.js'), 'cdktn'] : [join(__dirname, 'build.js')] };

/**
 * The type check of `project` in build mode, forced when packages were installed since it last passed
 * (build mode would not see their declarations change, see scripts/installed.js). After a pass its build
 * info, named in `project`, is dated to the check's start (see above).
 */
function typecheck(project) {
  const started = new Date();
  const info = join(root, JSON.parse(readFileSync(join(root, project), 'utf8')).compilerOptions.tsBuildInfoFile);
  return {
    name: `typecheck (${engine})`,
    args: [bin('typescript', 'bin/tsc'), '-b', project, ...(installedSince(root, info) ? ['--force'] : [])],
    passed: () => {
      if (!existsSync(info)) throw new Error(`npm test: the type check passed but wrote no ${relative(root, info)}, which ${project} names`);
      utimesSync(info, started, started);
    },
  };
}

/**
 * `check`, skipped when `files` (paths from the root) hash as they did when it last passed: the hash
 * is kept in node_modules/.cache/<stamp> after a pass.
 */
function unlessUnchanged(check, stamp, files) {
  const stampFile = join(cache, stamp);
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(existsSync(join(root, file)) ? readFileSync(join(root, file)) : 'missing').update('\0');
  const digest = hash.digest('hex');
  return {
    ...check,
    skip: existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest && `skipped, its inputs are unchanged since it last passed (remove ${relative(root, stampFile)} to run it anyway)`,
    passed: () => {
      check.passed?.();
      mkdirSync(cache, { recursive: true });
      writeFileSync(stampFile, digest);
    },
  };
}

/** The API report check: its inputs are the declarations the build wrote, the report and the configurations. Made once the build has passed. */
const API_CHECK = 'api:check';
const apiCheck = { name: API_CHECK, make: () => unlessUnchanged(
  { name: API_CHECK, args: [bin('@microsoft/api-extractor', 'bin/api-extractor'), 'run', '--print-api-report-diff'] },
  'api-check.sha256',
  [...filesUnder(root, 'dist', (name) => name.endsWith('.d.ts')), 'etc/cdktf-azure-batch.api.md', 'api-extractor.json', 'tsdoc.json', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'],
) };

/**
 * Lint: its inputs are every file ESLint may lint (scripts/lint-files.js) and the configurations.
 * Within a run, ESLint's own cache skips unchanged files.
 */
const lint = () => unlessUnchanged(
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '--cache', '--cache-location', join(cache, 'eslint') + '/', '.'] },
  'lint.sha256',
  [...lintFiles(root), 'tsconfig.json', 'package.json', 'package-lock.json'],
);

const jest = (config) => ({ name: `jest${cdktn ? ' (cdktn)' : ''}`, args: ['--max-semi-space-size=64', '--no-turbofan', bin('jest', 'bin/jest.js'), ...config, ...args], live: true });
const checks = cdktn ? [
  build,
  typecheck('tsconfig.cdktn.json'),
  jest(['--config', 'jest.cdktn.config.js']),
] : [
  { ...build, then: apiCheck },
  lint(),
  typecheck('tsconfig.typecheck.json'),
  jest([]),
];

const failed = [];
let running = 0;

/** Runs `check` (unless it is skipped), then, once it has passed, the check its `then` makes. */
function start(check) {
  if (check.skip) {
    console.log(`npm test: ${check.name} ${check.skip}`);
    return;
  }
  running++;
  const child = spawn(process.execPath, check.args, { cwd: root, stdio: check.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  if (!check.live) {
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
  }
  child.on('close', (code, signal) => {
    running--;
    if (code !== 0) {
      failed.push(`${check.name} (${signal ?? `exit ${code}`})`);
      // A passing check's output is left out, except jest's: it is the report.
      if (output.trim() !== '') process.stderr.write(`\n--- ${check.name} ---\n${output}`);
      if (check.then) failed.push(`${check.then.name} (not run: ${check.name} failed)`);
    } else {
      try {
        check.passed?.();
        if (check.then) start(check.then.make());
      } catch (error) {
        failed.push(`${check.name} (${error.message})`);
      }
    }
    if (running === 0) {
      if (failed.length > 0) console.error(`\nnpm test: failed: ${failed.join(', ')}`);
      process.exitCode = failed.length > 0 ? 1 : 0;
    }
  });
}

checks.forEach(start);

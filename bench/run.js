// npm run bench [-- --quick] [-- --write-readme]
// Measures, as medians over several fresh processes on this machine: the cost of importing the
// package next to cdktf alone and the provider barrel; the deployable app (as `npm run synth` runs it)
// for 2, 20, 60 and 71 regions (the whole public simplified catalog) x 10 pools; the same 60 regions
// written with the provider's classes (bench/raw-app.js, the like-for-like floor), as a user would and
// in the app's process setup; the app command of cdktf.json when nothing changed, and the CLI that runs
// it, against the node-only synth; `npm run synth` end to end; and (full mode) `npm test`, once cold and three times warm. Prints one
// table with each budget of DESIGN.md as a ratio or a limit, writes bench/results.json, and with
// --write-readme puts the table into README.md. Budgets are reported, never enforced: this is a
// measurement, not a timed test.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { benchConfig } = require('./deployment');

const repo = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const writeReadme = process.argv.includes('--write-readme');
const runs = quick ? 1 : 5;
const POOLS = 10;
const sizes = [2, 20, 60, 71];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One run of a command: its wall time, and what it printed as JSON on its last line (options.json) or
 * what options.parse reads from its output.
 */
function runOnce(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 << 20 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return { wallMs, ...(options.json ? JSON.parse(lastLine) : {}), ...options.parse?.(result.stdout) };
}

/** The median of each key of `samples`, and (with more than one) the wall time of each run. */
function medians(samples) {
  const keys = Object.keys(samples[0]);
  const values = Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))]));
  return samples.length > 1 ? { ...values, wallMsRuns: samples.map((sample) => Math.round(sample.wallMs)) } : values;
}

/** Runs a command `runs` times; returns the median wall time and the medians of what it printed as JSON. */
function measure(command, args, options = {}) {
  return medians(Array.from({ length: options.runs ?? runs }, () => runOnce(command, args, options)));
}

/**
 * Runs the commands `runs` rounds, each once a round in turn, so that each is measured in the same
 * moments of this machine as the others: its speed drifts by tens of percent within minutes, which
 * made the ratios of measurements taken one after the other swing from 0.8x to 1.3x. Each round starts
 * with the next command, so none always runs first. Returns the medians of each command, and
 * `ratio(a, b, key)`: the median over the rounds of a's key over b's.
 */
function measureRounds(commands) {
  const samples = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    commands.forEach((_, turn) => {
      const i = (round + turn) % commands.length;
      const [command, args, options] = commands[i];
      samples[i].push(runOnce(command, args, options));
    });
  }
  return {
    results: samples.map(medians),
    ratio: (a, b, key) => median(samples[a].map((sample, round) => sample[key] / samples[b][round][key])),
  };
}

/**
 * What bash's `times` prints last, its children's CPU time as "<m>m<s>s <m>m<s>s" (user, system), in ms;
 * the seconds have the locale's decimal point.
 */
function childrenCpuMs(stdout) {
  const [user, system] = stdout.trim().split('\n').pop().split(' ').map((time) => {
    const [, minutes, seconds] = /^(\d+)m(\d+[.,]\d+)s$/.exec(time);
    return (Number(minutes) * 60 + Number(seconds.replace(',', '.'))) * 1000;
  });
  return { cpuMs: user + system };
}

const child = path.join(__dirname, 'child.js');
const importOf = (module) => measure(process.execPath, [child, 'import', module], { json: true });
const configOf = (regions) => {
  const configFile = path.join(work, `config-${regions}.json`);
  fs.writeFileSync(configFile, JSON.stringify(benchConfig(regions, POOLS)));
  return configFile;
};
const synthCommand = (mode, regions) => [process.execPath, [child, 'synth', mode, configOf(regions), path.join(work, `${mode}-${regions}.out`)], { json: true }];
const synthOf = (mode, regions) => measure(...synthCommand(mode, regions));

const results = { measuredAt: new Date().toISOString(), quick, runs, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, rows: [] };
const row = (name, values, budget) => results.rows.push({ name, ...values, ...(budget ? { budget } : {}) });

const imports = {
  cdktf: importOf('cdktf'),
  library: importOf('cdktf-azure-batch'),
  barrel: importOf('@cdktf/provider-azurerm'),
};
row('import cdktf', imports.cdktf);
row('import cdktf-azure-batch', imports.library, `import < 500 ms: ${imports.library.importMs < 500 ? 'met' : 'MISSED'}`);
row('import @cdktf/provider-azurerm (barrel)', imports.barrel);

// The 60-region app and both floors in rounds (see measureRounds); the other sizes one after the other.
const paired = measureRounds([synthCommand('app', 60), synthCommand('raw', 60), synthCommand('raw-setup', 60)]);
const [app60, raw, rawSetup] = paired.results;
const synth = {};
for (const regions of sizes) synth[regions] = regions === 60 ? app60 : synthOf('app', regions);
const timeRatio = paired.ratio(0, 1, 'totalMs');
const memoryRatio = paired.ratio(0, 1, 'peakRssMb');
const cpuRatio = paired.ratio(0, 1, 'cpuMs');
for (const regions of sizes) {
  const budget = regions === 60
    ? `${timeRatio.toFixed(2)}x the floor's time (budget 1.15x: ${timeRatio <= 1.15 ? 'met' : 'MISSED'}), ${memoryRatio.toFixed(2)}x its peak RSS (budget 1.1x: ${memoryRatio <= 1.1 ? 'met' : 'MISSED'}); ${cpuRatio.toFixed(2)}x its CPU time`
    : regions === 71 ? `peak RSS < 250 MB: ${synth[71].peakRssMb < 250 ? 'met' : 'MISSED'}` : undefined;
  row(`app, ${regions} regions x ${POOLS} pools`, synth[regions], budget);
}
row('floor: bench/raw-app.js, 60 regions, as a user writes it', raw);
const setupTimeRatio = paired.ratio(0, 2, 'totalMs');
row('floor: bench/raw-app.js, 60 regions, in the app\'s process setup', rawSetup, `the app takes ${setupTimeRatio.toFixed(2)}x its time, ${paired.ratio(0, 2, 'peakRssMb').toFixed(2)}x its peak RSS, ${paired.ratio(0, 2, 'cpuMs').toFixed(2)}x its CPU time`);

// The app command of cdktf.json (what `cdktf synth` runs) with nothing changed, against the synth alone.
const appCommand = JSON.parse(fs.readFileSync(path.join(repo, 'cdktf.json'), 'utf8')).app;
const outEnv = { CDKTF_OUTDIR: path.join(work, 'app-command.out') };
measure('sh', ['-c', appCommand], { env: outEnv, runs: 1 });
const nodeOnly = measure(process.execPath, ['dist/stacks/main.js'], { env: outEnv });
const noChange = measure('sh', ['-c', appCommand], { env: outEnv });
row('synth alone: node dist/stacks/main.js (default deployment)', nodeOnly);
row(`no-change app command: ${appCommand}`, noChange, `${(noChange.wallMs - nodeOnly.wallMs).toFixed(0)} ms over the synth alone (budget 600 ms: ${noChange.wallMs - nodeOnly.wallMs <= 600 ? 'met' : 'MISSED'})`);
// The CLI itself, as DESIGN's budget words it: `cdktf synth` runs the app command above after its own start-up.
const cli = measure('npx', ['cdktf', 'synth', '--output', path.join(work, 'cli.out')], { env: outEnv });
row('no-change CLI: npx cdktf synth (runs the app command)', cli, `${(cli.wallMs - nodeOnly.wallMs).toFixed(0)} ms over the synth alone, ${(cli.wallMs - noChange.wallMs).toFixed(0)} ms of it the CLI's own (budget 600 ms: ${cli.wallMs - nodeOnly.wallMs <= 600 ? 'met' : 'MISSED'})`);
row('npm run synth (default deployment, incl. build)', measure('npm', ['run', '--silent', 'synth'], { env: { CDKTF_OUTDIR: path.join(work, 'e2e.out') } }));
if (!quick) {
  // Cold: no jest, ESLint or TypeScript caches, as on a fresh clone. Warm: run again, as a developer does.
  for (const cache of ['node_modules/.cache', path.join(os.tmpdir(), 'jest_rs')]) fs.rmSync(path.join(repo, cache), { recursive: true, force: true });
  // Run by bash, whose `times` prints last the CPU time of its children (every process npm test
  // started): on 2 cores, half of it is the least wall time the run could take.
  const npmTest = (count) => measure('bash', ['-c', 'npm test --silent; code=$?; times; exit $code'], { parse: childrenCpuMs, runs: count });
  const cold = npmTest(1);
  row('npm test, cold caches', cold, `${(cold.cpuMs / 1000).toFixed(1)} CPU-seconds`);
  // Three warm runs: one run of a 15 s job on this machine varies by a second or more.
  const warm = npmTest(3);
  row('npm test', warm, `< 15000 ms: ${warm.wallMs < 15000 ? 'met' : 'MISSED'} (runs: ${warm.wallMsRuns.join(', ')} ms; ${(warm.cpuMs / 1000).toFixed(1)} CPU-seconds, median)`);
}

const small = 20;
results.derived = {
  synthMsPerRegion: (synth[60].synthMs - synth[small].synthMs) / (60 - small),
  synthMsPerRegionSmall: (synth[20].synthMs - synth[2].synthMs) / 18,
  rssMbPerRegion: (synth[71].peakRssMb - synth[2].peakRssMb) / 69,
  appOverFloor: timeRatio,
  appOverFloorMemory: memoryRatio,
  appOverFloorInAppSetup: setupTimeRatio,
  appOverFloorCpu: cpuRatio,
};

const fmt = (value, digits = 0) => (value === undefined ? '' : value.toFixed(digits));
const header = '| measurement | in-process ms | process wall ms | peak RSS MB | budget |';
const lines = [header, '|---|---:|---:|---:|---|'];
for (const r of results.rows) {
  const inProcess = r.synthMs !== undefined ? `${fmt(r.importMs)} import + ${fmt(r.synthMs)} synth` : fmt(r.importMs);
  lines.push(`| ${r.name} | ${inProcess} | ${fmt(r.wallMs)} | ${fmt(r.peakRssMb)} | ${r.budget ?? ''} |`);
}
const d = results.derived;
lines.push('');
lines.push(`Synth slope: ${fmt(d.synthMsPerRegion, 1)} ms per region from ${small} to 60 regions, ${fmt(d.synthMsPerRegionSmall, 1)} ms from 2 to 20; ` +
  `peak RSS ${fmt(d.rssMbPerRegion, 2)} MB per region from 2 to 71. Ratios compare whole processes (import and synth): each is the median, over ${runs} round(s) in which the 60-region app and both floors ran in turn, of the round's ratio.`);
lines.push(`Medians of ${runs} run(s) each${quick ? '' : ' (npm test: one cold run, the median of three warm ones)'}, ${results.cpus} x ${results.cpuModel}, Node ${results.node}, ${results.measuredAt.slice(0, 10)}.`);
const table = lines.join('\n');
console.log(table);

fs.writeFileSync(path.join(__dirname, quick ? 'results-quick.json' : 'results.json'), JSON.stringify(results, null, 2) + '\n');
if (writeReadme) {
  const readmePath = path.join(repo, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const updated = readme.replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, `$1${table}\n$2`);
  if (updated === readme && !readme.includes(table)) throw new Error('README.md has no <!-- bench:start --> / <!-- bench:end --> markers');
  fs.writeFileSync(readmePath, updated);
}
fs.rmSync(work, { recursive: true, force: true });

#!/usr/bin/env node
// npm run bench [-- --quick] [-- --write-readme]
// Measures, as medians over several fresh processes on this machine: the cost of importing the
// package next to cdktf alone and the provider barrel; synth of the deployable app for 2, 20 and 60
// regions x 10 pools; the same 60-region resources built with raw provider classes (the floor);
// `npm run synth` end to end; and (full mode) `npm test`. Prints one table, writes bench/results.json,
// and with --write-readme puts the table into README.md. Budgets are reported, never enforced:
// this is a measurement, not a timed test.
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
const sizes = [2, 20, 60];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command `runs` times; returns the median wall time and the medians of what it printed as JSON. */
function measure(command, args, options = {}) {
  const samples = [];
  for (let i = 0; i < (options.runs ?? runs); i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 << 20 });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    const lastLine = result.stdout.trim().split('\n').pop() ?? '';
    samples.push({ wallMs, ...(options.json ? JSON.parse(lastLine) : {}) });
  }
  const keys = Object.keys(samples[0]);
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))]));
}

const child = path.join(__dirname, 'child.js');
const importOf = (module) => measure(process.execPath, [child, 'import', module], { json: true });
const synthOf = (mode, regions) => {
  const configFile = path.join(work, `config-${regions}.json`);
  fs.writeFileSync(configFile, JSON.stringify(benchConfig(regions, POOLS)));
  return measure(process.execPath, [child, 'synth', mode, configFile, path.join(work, `${mode}-${regions}.out`)], { json: true });
};

const results = { measuredAt: new Date().toISOString(), quick, runs, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, rows: [] };
const row = (name, values, budget) => results.rows.push({ name, ...values, budget });

const imports = {
  cdktf: importOf('cdktf'),
  library: importOf('cdktf-azure-batch'),
  barrel: importOf('@cdktf/provider-azurerm'),
};
row('import cdktf', imports.cdktf);
row('import cdktf-azure-batch', imports.library, { importMs: 500, peakRssMb: 150 });
row('import @cdktf/provider-azurerm (barrel)', imports.barrel);

const synth = {};
for (const regions of quick ? [2, 60] : sizes) {
  synth[regions] = synthOf('library', regions);
  row(`synth ${regions} regions x ${POOLS} pools`, synth[regions], regions === 60 ? { totalMs: 3000, peakRssMb: 400 } : undefined);
}
const raw = synthOf('raw', 60);
row(`raw provider classes, 60 regions (floor)`, raw);
row('npm run synth (default deployment, incl. tsc)', measure('npm', ['run', '--silent', 'synth'], { env: { CDKTF_OUTDIR: path.join(work, 'e2e.out') } }));
if (!quick) row('npm test', measure('npm', ['test', '--silent'], { runs: 1 }), { wallMs: 60000 });

const small = quick ? 2 : 20;
results.derived = {
  synthMsPerRegion: (synth[60].synthMs - synth[small].synthMs) / (60 - small),
  synthMsPerRegionSmall: quick ? undefined : (synth[20].synthMs - synth[2].synthMs) / 18,
  libraryOverFloor: synth[60].synthMs / raw.synthMs,
  libraryOverFloorTotal: synth[60].totalMs / raw.totalMs,
};

const fmt = (value, digits = 0) => (value === undefined ? '' : value.toFixed(digits));
const verdict = (values, budget) => {
  if (!budget) return '';
  return Object.entries(budget).map(([key, limit]) => `${key} < ${limit}: ${values[key] < limit ? 'met' : 'MISSED'}`).join('; ');
};
const header = '| measurement | in-process ms | process wall ms | peak RSS MB | budget |';
const lines = [header, '|---|---:|---:|---:|---|'];
for (const r of results.rows) {
  const inProcess = r.synthMs !== undefined ? `${fmt(r.importMs)} import + ${fmt(r.synthMs)} synth` : fmt(r.importMs);
  lines.push(`| ${r.name} | ${inProcess} | ${fmt(r.wallMs)} | ${fmt(r.peakRssMb)} | ${verdict(r, r.budget)} |`);
}
const d = results.derived;
lines.push('');
lines.push(`Synth slope: ${fmt(d.synthMsPerRegion, 1)} ms per region from ${small} to 60 regions` +
  (d.synthMsPerRegionSmall === undefined ? '' : `, ${fmt(d.synthMsPerRegionSmall, 1)} ms from 2 to 20`) +
  `. Library over raw floor at 60 regions: ${fmt(d.libraryOverFloor, 2)}x synth, ${fmt(d.libraryOverFloorTotal, 2)}x whole process (budget < 2x: ${d.libraryOverFloor < 2 ? 'met' : 'MISSED'}).`);
lines.push(`Medians of ${runs} run(s) each, ${results.cpus} x ${results.cpuModel}, Node ${results.node}, ${results.measuredAt.slice(0, 10)}.`);
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

// One measured process for bench/run.js. Prints one JSON line: the timings it took in-process and
// its peak resident set size. Usage:
//   node bench/child.js import <module>
//   node bench/child.js synth <library|raw> <config.json> <outdir>
'use strict';
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const started = process.hrtime.bigint();
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

const [kind, ...args] = process.argv.slice(2);
if (kind === 'import') {
  require(args[0] === 'cdktf-azure-batch' ? repo : args[0]);
  console.log(JSON.stringify({ importMs: ms(started), peakRssMb: peakRssMb() }));
} else if (kind === 'synth') {
  const [mode, configFile, outdir] = args;
  const config = JSON.parse(require('node:fs').readFileSync(configFile, 'utf8'));
  const { App } = require('cdktf');
  const build = mode === 'library' ? require('./library-app') : require('./raw-app');
  const imported = process.hrtime.bigint();
  const app = new App({ outdir, ...(build.appOptions ?? {}) });
  build(app, config);
  app.synth();
  console.log(JSON.stringify({ importMs: Number(imported - started) / 1e6, synthMs: ms(imported), totalMs: ms(started), peakRssMb: peakRssMb() }));
} else {
  throw new Error(`unknown measurement ${kind}`);
}

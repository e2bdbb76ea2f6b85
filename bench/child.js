// One measured process for bench/run.js. Prints one JSON line: the timings it took in-process, its
// peak resident set size and, for a synth, its CPU time. Usage:
//   node bench/child.js import <module>
//   node bench/child.js synth app <config.json> <outdir>          the deployable app, as `npm run synth` runs it
//   node bench/child.js synth raw <config.json> <outdir>          the floor: bench/raw-app.js, written as a user would
//   node bench/child.js synth raw-setup <config.json> <outdir>    the floor in the app's process setup
'use strict';
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const started = process.hrtime.bigint();
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
/** CPU time of this process so far, user and system, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const report = (imported) => console.log(JSON.stringify({ importMs: Number(imported - started) / 1e6, synthMs: ms(imported), totalMs: ms(started), peakRssMb: peakRssMb(), cpuMs: cpuMs() }));

const [kind, ...args] = process.argv.slice(2);
if (kind === 'import') {
  require(args[0] === 'cdktf-azure-batch' ? repo : args[0]);
  console.log(JSON.stringify({ importMs: ms(started), peakRssMb: peakRssMb() }));
} else if (kind === 'synth' && args[0] === 'app') {
  const [, configFile, outdir] = args;
  const { startApp } = require(path.join(repo, 'dist', 'stacks', 'main'));
  const imported = process.hrtime.bigint();
  const lines = [];
  startApp({ BATCH_DEPLOYMENT_CONFIG: configFile }, (line) => lines.push(line), outdir).then((code) => {
    if (code !== 0) throw new Error(`the app refused the bench config:\n${lines.join('\n')}`);
    report(imported);
  });
} else if (kind === 'synth') {
  const [mode, configFile, outdir] = args;
  // The app's process setup (stacks/main.ts startApp): short token creation stacks, started from the event loop.
  if (mode === 'raw-setup') require(path.join(repo, 'dist', 'stacks', 'creation-stacks')).shortenCreationStacks();
  const config = JSON.parse(require('node:fs').readFileSync(configFile, 'utf8'));
  const { App } = require('cdktf');
  const build = require('./raw-app');
  const imported = process.hrtime.bigint();
  const synth = () => {
    const app = new App({ outdir });
    build(app, config);
    app.synth();
    report(imported);
  };
  if (mode === 'raw-setup') setImmediate(synth);
  else synth();
} else {
  throw new Error(`unknown measurement ${kind}`);
}

#!/usr/bin/env node
// Compares what the two engines synthesized from one config: the output folder of the cdktf build
// (`npm run synth`) and of the cdktn flavour (`npm run synth:cdktn`). They must hold the same files, and
// the same JSON in each, except the version strings that name the engine and the provider version its
// bindings were generated for:
//   manifest.json                $.version                                     the engine's version
//   stacks/<stack>/cdk.tf.json   $["//"].metadata.version                      the engine's version
//                                $.terraform.required_providers.azurerm.version  azurerm's version
// and the stack traces cdktf's manifest records for annotations, which name the build's folder
// (dist/ for cdktf, build/cdktn/dist/ for cdktn): they are compared with everything up to dist/ cut off.
// Every other difference is printed with its file and JSON path, and the exit code is 1.
//
//   node tools/compare-engines.mjs <cdktf output folder> <cdktn output folder>
// Dependency-free, Node >= 20.
import fs from 'node:fs';
import path from 'node:path';

const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** The JSON paths, by file, where the two engines may write different version strings. */
const ALLOWED = [
  { file: /^manifest\.json$/, path: '$.version' },
  { file: /^stacks\/[^/]+\/cdk\.tf\.json$/, path: '$["//"].metadata.version' },
  { file: /^stacks\/[^/]+\/cdk\.tf\.json$/, path: '$.terraform.required_providers.azurerm.version' },
];

function filesUnder(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    // Terraform's own working files are not synthesized.
    if (entry.name === '.terraform' || entry.name.endsWith('.tfstate') || entry.name === '.terraform.lock.hcl') return [];
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  }).sort();
}

/** A stack frame with the folder of the build it ran from cut off: `(…/dist/lib/x.js:1:2)` is `(dist/lib/x.js:1:2)`. */
const inBuild = (frame) => String(frame).replace(/(\(|^)[^()]*?\/dist\//, '$1dist/');
const key = (name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
const show = (value) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Every difference between `a` and `b`, as [JSON path, a's value, b's value]. */
function differences(a, b, at = '$') {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : `${at}${key(k)}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [[at, a, b]];
}

const [left, right] = process.argv.slice(2);
if (!left || !right) {
  console.error('usage: node tools/compare-engines.mjs <cdktf output folder> <cdktn output folder>');
  process.exit(2);
}
const problems = [];
const leftFiles = filesUnder(left);
const rightFiles = filesUnder(right);
// Two empty (or stackless) folders would compare equal: that is a broken synth, not a match.
for (const [dir, files] of [[left, leftFiles], [right, rightFiles]]) {
  if (!files.some((file) => /^stacks\/[^/]+\/cdk\.tf\.json$/.test(file))) problems.push(`${dir}: holds no stacks/<stack>/cdk.tf.json`);
}
for (const file of leftFiles.filter((f) => !rightFiles.includes(f))) problems.push(`${file}: only in ${left}`);
for (const file of rightFiles.filter((f) => !leftFiles.includes(f))) problems.push(`${file}: only in ${right}`);
let versions = 0;
for (const file of leftFiles.filter((f) => rightFiles.includes(f))) {
  const a = fs.readFileSync(path.join(left, file), 'utf8');
  const b = fs.readFileSync(path.join(right, file), 'utf8');
  if (!file.endsWith('.json')) {
    if (a !== b) problems.push(`${file}: differs`);
    continue;
  }
  for (const [at, x, y] of differences(JSON.parse(a), JSON.parse(b))) {
    const trace = file === 'manifest.json' && /\.annotations\[\d+\]\.stacktrace\[\d+\]$/.test(at) && inBuild(x) === inBuild(y);
    if (trace) continue;
    const allowed = ALLOWED.some((rule) => rule.file.test(file) && rule.path === at) && VERSION.test(String(x)) && VERSION.test(String(y));
    if (allowed) versions++;
    else problems.push(`${file} ${at}: ${show(x)} in ${left}, ${show(y)} in ${right}`);
  }
}
if (problems.length > 0) {
  problems.forEach((line) => console.error(line));
  console.error(`compare-engines: ${problems.length} difference(s) beyond the engine and provider version strings`);
  process.exit(1);
}
console.log(`compare-engines: ${leftFiles.length} files, the same but for ${versions} engine and provider version strings`);

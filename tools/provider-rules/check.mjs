#!/usr/bin/env node
// The shared provider-rules checker, run on the shared rules plus this repository's supplements.
//
// The shared rules (../../../shared/tools/provider-rules/provider-rules.json, or the provider-rules.json
// next to $PROVIDER_RULES_CHECK, the path of the shared check.mjs) lack some resource types this
// library creates. Each *.json in this directory restates the azurerm provider's rules for such types
// in the shared file's format. This wrapper merges them into a temporary copy of the shared rules and
// runs the shared check.mjs on it with `--rules`, forwarding its output and exit code.
//
// A supplement may only add types: one that defines a type the shared rules already have is refused
// (exit 2), so the shared file always wins and nothing is overridden silently. So is a supplement for
// another provider version or commit, a rule without a `src` line, or a rule key the shared rules never
// use (the shared checker would ignore it, and the rule would pass silently).
//
// Usage: node tools/provider-rules/check.mjs [--supplements DIR] [--rules FILE] [--phases validate,plan,apply] [--no-warn] DIR...
//   --supplements DIR  directory of supplement *.json files (default: this script's directory,
//                      or $PROVIDER_RULES_SUPPLEMENTS)
//   --rules FILE       base rules instead of the shared provider-rules.json
// Everything else is passed to the shared checker unchanged. Dependency-free, Node >= 20.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);

function fail(message) {
  console.error(`provider-rules wrapper: ${message}`);
  process.exit(2);
}

function usage(code) {
  const text = 'usage: node tools/provider-rules/check.mjs [--supplements DIR] [--rules FILE] [--phases validate,plan,apply] [--no-warn] <dir-or-cdk.tf.json>...';
  if (code === 0) console.log(text);
  else console.error(text);
  process.exit(code);
}

// ---------------------------------------------------------------- args
const argv = process.argv.slice(2);
let supplementsDir = process.env.PROVIDER_RULES_SUPPLEMENTS || HERE;
let baseRules;
const forwarded = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) fail(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--supplements') supplementsDir = value();
  else if (a.startsWith('--supplements=')) supplementsDir = a.slice('--supplements='.length);
  else if (a === '--rules') baseRules = value();
  else if (a.startsWith('--rules=')) baseRules = a.slice('--rules='.length);
  else if (a === '-h' || a === '--help') usage(0);
  else forwarded.push(a);
}

const checker = path.resolve(process.env.PROVIDER_RULES_CHECK || path.join(HERE, '..', '..', '..', 'shared', 'tools', 'provider-rules', 'check.mjs'));
if (checker === SELF) fail(`PROVIDER_RULES_CHECK points at this wrapper (${SELF}); it must name the shared check.mjs`);
if (!fs.existsSync(checker)) fail(`the shared checker is not at ${checker} (set PROVIDER_RULES_CHECK to the shared check.mjs)`);
const sharedRulesPath = path.resolve(baseRules || path.join(path.dirname(checker), 'provider-rules.json'));

function readJson(file, what) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${what} ${file}: ${e.message}`);
  }
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const shared = readJson(sharedRulesPath, 'shared rules');
if (!isObject(shared.resources) || !isObject(shared._meta)) fail(`${sharedRulesPath} has no "_meta" and "resources": not a provider-rules file`);
shared.resourceMeta = shared.resourceMeta || {};

// Rule keys the shared rules use: the only ones the shared checker is known to act on.
const knownKeys = new Set();
for (const attrs of Object.values(shared.resources)) for (const rules of Object.values(attrs)) for (const r of rules) for (const k of Object.keys(r)) knownKeys.add(k);

// ---------------------------------------------------------------- supplements
let files;
try {
  files = fs.readdirSync(supplementsDir).filter((f) => f.endsWith('.json')).sort();
} catch (e) {
  fail(`cannot read the supplement directory ${supplementsDir}: ${e.message}`);
}

const origin = new Map(); // resource type -> supplement file that added it
const supplements = [];
for (const name of files) {
  const file = path.join(supplementsDir, name);
  const supp = readJson(file, 'supplement');
  if (!isObject(supp._meta) || !isObject(supp.resources)) fail(`${file} has no "_meta" and "resources": not a provider-rules supplement`);
  for (const key of ['providerVersion', 'sourceCommit']) {
    if (supp._meta[key] !== shared._meta[key]) fail(`${file}: _meta.${key} is ${JSON.stringify(supp._meta[key])}, the shared rules' is ${JSON.stringify(shared._meta[key])}; rules of different provider sources cannot be merged`);
  }
  const meta = isObject(supp.resourceMeta) ? supp.resourceMeta : {};
  for (const type of new Set([...Object.keys(supp.resources), ...Object.keys(meta)])) {
    if (Object.hasOwn(shared.resources, type) || Object.hasOwn(shared.resourceMeta, type)) {
      fail(`${file} defines ${type}, which the shared rules (${sharedRulesPath}) already have; the shared file wins: remove ${type} from the supplement`);
    }
    if (origin.has(type)) fail(`${file} defines ${type}, which supplement ${origin.get(type)} already defines`);
    if (!Object.hasOwn(supp.resources, type)) fail(`${file} has resourceMeta for ${type} but no rules for it`);
    origin.set(type, file);
    const attrs = supp.resources[type];
    if (!isObject(attrs)) fail(`${file}: resources.${type} must be an object of attribute paths`);
    for (const [attr, rules] of Object.entries(attrs)) {
      if (!Array.isArray(rules)) fail(`${file}: ${type} ${attr} must be a list of rules`);
      for (const rule of rules) {
        if (!isObject(rule) || typeof rule.src !== 'string' || rule.src === '') fail(`${file}: ${type} ${attr} has a rule without a "src" line: ${JSON.stringify(rule)}`);
        const unknown = Object.keys(rule).filter((k) => !knownKeys.has(k));
        if (unknown.length) fail(`${file}: ${type} ${attr} uses rule key(s) ${unknown.join(', ')}, which the shared rules never use (the shared checker would ignore them)`);
        for (const k of ['regex', 'notRegex', 'keyRegex']) {
          if (rule[k] !== undefined) {
            try {
              new RegExp(rule[k]);
            } catch (e) {
              fail(`${file}: ${type} ${attr} ${k} does not compile: ${e.message}`);
            }
          }
        }
      }
    }
  }
  supplements.push({ file, supp, meta });
}

// ---------------------------------------------------------------- merge, run, clean up
const merged = { ...shared, _meta: { ...shared._meta }, resourceMeta: { ...shared.resourceMeta }, resources: { ...shared.resources } };
merged._meta.supplements = supplements.map(({ file, supp }) => ({ file, description: supp._meta.description, types: Object.keys(supp.resources) }));
for (const { supp, meta } of supplements) {
  Object.assign(merged.resources, supp.resources);
  Object.assign(merged.resourceMeta, meta);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-rules-merged-'));
const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
const mergedPath = path.join(tmp, 'provider-rules.json');
try {
  fs.writeFileSync(mergedPath, JSON.stringify(merged));
} catch (e) {
  cleanup();
  fail(`cannot write the merged rules: ${e.message}`);
}

const child = spawn(process.execPath, [checker, '--rules', mergedPath, ...forwarded], { stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
child.on('error', (e) => {
  cleanup();
  fail(`cannot run ${checker}: ${e.message}`);
});
child.on('close', (code, signal) => {
  cleanup();
  if (signal) {
    console.error(`provider-rules wrapper: the shared checker was stopped by ${signal}`);
    process.exitCode = 128 + (os.constants.signals[signal] || 0);
  } else {
    process.exitCode = code ?? 2;
  }
});

#!/usr/bin/env node
// `npm run build:cdktn`: the library and its app built for CDK Terrain (cdktn) from this repository's
// one source, as the package `cdktn-azure-batch`, in build/cdktn/.
//
//   node scripts/build-flavour.js cdktn [--pack DIR]
//
// Only lib/engine.ts names the engine and only lib/azurerm.ts the provider bindings (ESLint enforces
// it; this script checks it again and refuses otherwise). The flavour is lib/ and stacks/ copied to
// build/cdktn/ with those two modules reading `cdktn` and `@cdktn/provider-azurerm` instead (same
// names, same deep paths), compiled there by scripts/build.js against cdktn's own types (so a type the
// engines disagree on fails the build), with a package.json of its own: the cdktf package's, renamed,
// with exact peer dependencies on the engine and bindings this repository tests (its devDependencies)
// and the constructs range cdktn accepts. Unchanged files are not rewritten, so a rebuild with nothing
// changed is incremental. With --pack, `npm pack` writes the flavour's tarball into DIR.
//
// Why a second package rather than one package for both: the engines' classes are nominally distinct
// types (a cdktn TerraformStack is not a cdktf one, in TypeScript and at runtime), so one build cannot
// serve both, and one package name with two builds would make the installed engine decide silently.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const FLAVOURS = {
  cdktn: { engine: 'cdktn', provider: '@cdktn/provider-azurerm', packageName: 'cdktn-azure-batch' },
};
const CDKTF = { engine: 'cdktf', provider: '@cdktf/provider-azurerm' };
const SEAMS = ['lib/engine.ts', 'lib/azurerm.ts'];
const SOURCES = ['lib', 'stacks'];

const [name, ...rest] = process.argv.slice(2);
const flavour = FLAVOURS[name];
if (!flavour) {
  console.error(`usage: node scripts/build-flavour.js <${Object.keys(FLAVOURS).join('|')}> [--pack DIR]`);
  process.exit(2);
}
const packDir = rest[0] === '--pack' ? path.resolve(rest[1] ?? '.') : undefined;
const out = path.join(root, 'build', name);

/** Every file under `dir` (relative to the repository), sorted. */
function filesUnder(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(relative) : [relative];
  }).sort();
}

/** Writes `text` to `file` unless it holds it already (so TypeScript's build sees no change). */
function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file).equals(Buffer.from(text))) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const ENGINE_IMPORT = new RegExp(`from '(${CDKTF.engine}(/[^']*)?|${CDKTF.provider.replace('/', '\\/')}(/[^']*)?)'`);
const sources = SOURCES.flatMap(filesUnder);
const outside = sources.filter((file) => file.endsWith('.ts') && !SEAMS.includes(file) && ENGINE_IMPORT.test(fs.readFileSync(path.join(root, file), 'utf8')));
if (outside.length > 0) {
  console.error(`build-flavour: ${outside.join(', ')} name${outside.length === 1 ? 's' : ''} ${CDKTF.engine} or ${CDKTF.provider} directly; import from ${SEAMS.join(' or ')} instead, the only modules the ${name} flavour rewrites`);
  process.exit(1);
}

// The sources, with the seams reading the flavour's packages; files removed from the source go too.
const wanted = new Set();
for (const file of sources) {
  let text = fs.readFileSync(path.join(root, file), 'utf8');
  if (SEAMS.includes(file)) {
    text = text.replaceAll(`from '${CDKTF.provider}/`, `from '${flavour.provider}/`).replaceAll(`from '${CDKTF.engine}'`, `from '${flavour.engine}'`);
  }
  writeIfChanged(path.join(out, file), text);
  wanted.add(path.join(out, file));
}
for (const dir of SOURCES) {
  if (!fs.existsSync(path.join(out, dir))) continue;
  for (const file of filesUnder(path.relative(root, path.join(out, dir)))) {
    if (!wanted.has(path.join(root, file))) fs.rmSync(path.join(root, file));
  }
}

// Compiled with this repository's options, against the flavour's engine (resolved from node_modules above build/).
// (The repository's `paths` entry maps the package name to lib/ for its examples; the flavour has none.)
const compilerOptions = { ...JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions };
delete compilerOptions.paths;
writeIfChanged(path.join(out, 'tsconfig.build.json'), `${JSON.stringify({
  compilerOptions: { ...compilerOptions, types: ['node'], rootDir: '.', outDir: 'dist', incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo' },
  include: ['lib/**/*.ts', 'lib/**/*.json', 'stacks/**/*.ts'],
}, null, 2)}\n`);
const built = spawnSync(process.execPath, [path.join(__dirname, 'build.js'), out], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// The package: the cdktf package's, renamed, with the flavour's exact peers.
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const installed = (dependency) => JSON.parse(fs.readFileSync(require.resolve(`${dependency}/package.json`, { paths: [root] }), 'utf8'));
const constructs = installed(flavour.engine).peerDependencies?.constructs;
if (!constructs) throw new Error(`${flavour.engine} declares no constructs peer dependency`);
const flavourPackage = {
  name: flavour.packageName,
  version: pkg.version,
  description: `${pkg.description} Built for CDK Terrain (${flavour.engine}); ${pkg.name} is the same library for cdktf.`,
  license: pkg.license,
  keywords: [...pkg.keywords.filter((keyword) => keyword !== CDKTF.engine), flavour.engine, 'cdk-terrain'],
  main: pkg.main,
  types: pkg.types,
  files: pkg.files,
  engines: pkg.engines,
  peerDependencies: {
    [flavour.provider]: pkg.devDependencies[flavour.provider],
    [flavour.engine]: pkg.devDependencies[flavour.engine],
    constructs,
  },
  dependencies: pkg.dependencies,
};
writeIfChanged(path.join(out, 'package.json'), `${JSON.stringify(flavourPackage, null, 2)}\n`);
for (const file of ['README.md', 'RULES.md', 'LICENSE']) writeIfChanged(path.join(out, file), fs.readFileSync(path.join(root, file)));

if (packDir) {
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: out, encoding: 'utf8' });
  if (packed.status !== 0) {
    process.stderr.write(packed.stderr);
    process.exit(packed.status ?? 1);
  }
  process.stdout.write(packed.stdout);
}

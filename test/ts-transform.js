'use strict';
// Jest's transform for the TypeScript sources (jest.config.js): ts-jest, transpile-only (tsconfig.json
// sets isolatedModules), loaded only for a file jest has not cached. ts-jest itself computes each cache
// key after loading TypeScript and parsing tsconfig.json, which cost about 0.3 CPU-seconds in each of
// jest's three processes on every run, with every transform cached. This key is its own, made of what
// decides ts-jest's output here: the file and its path, jest's configuration (its configString holds
// the transform's options), whether coverage instruments it, the tsconfig and those it extends (as written, not as
// ts-jest parses them), the versions of ts-jest and TypeScript, and this file.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');

/** The text of the tsconfig at `file` and of each it extends by a relative path, in order. */
function tsconfigChain(file) {
  const text = readFileSync(file, 'utf8');
  const parent = JSON.parse(text).extends;
  return typeof parent === 'string' && parent.startsWith('.') ? [text, ...tsconfigChain(join(dirname(file), parent))] : [text];
}

module.exports = {
  createTransformer(options) {
    let tsJest;
    const real = () => (tsJest ??= require('ts-jest').default.createTransformer(options));
    const fixed = [
      readFileSync(__filename, 'utf8'),
      ...tsconfigChain(join(root, options?.tsconfig ?? 'tsconfig.json')),
      require('ts-jest/package.json').version,
      require('typescript/package.json').version,
    ].join('\0');
    return {
      canInstrument: false,
      getCacheKey: (source, path, transformOptions) => createHash('sha256')
        .update([fixed, transformOptions.configString, `instrument:${Boolean(transformOptions.instrument)}`, `esm:${Boolean(transformOptions.supportsStaticESM)}`, path, source].join('\0'))
        .digest('hex'),
      process: (source, path, transformOptions) => real().process(source, path, transformOptions),
    };
  },
};

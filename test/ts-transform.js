'use strict';
// Jest's transform for the TypeScript sources (jest.config.js): ts-jest, transpile-only (tsconfig.json
// sets isolatedModules), loaded only for a file jest has not cached. ts-jest itself computes each cache
// key after loading TypeScript and parsing tsconfig.json, which cost about 0.3 CPU-seconds in each of
// jest's three processes on every run, with every transform cached. This key holds what ts-jest's
// does here: the file and its path, jest's configuration (the transform's options included), whether
// coverage instruments it, the tsconfig, and the versions of ts-jest and TypeScript.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

module.exports = {
  createTransformer(options) {
    let tsJest;
    const real = () => (tsJest ??= require('ts-jest').default.createTransformer(options));
    const fixed = [
      // The tsconfig ts-jest reads (this repository's extends none).
      readFileSync(join(root, options?.tsconfig ?? 'tsconfig.json'), 'utf8'),
      require('ts-jest/package.json').version,
      require('typescript/package.json').version,
      JSON.stringify(options ?? {}),
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

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTransformer } = require('../ts-transform') as { createTransformer: (options: object) => Transformer };

interface Transformer {
  getCacheKey(source: string, path: string, options: object): string;
}

/**
 * test/ts-transform.js, jest's transform: ts-jest's output (every file of a run without jest's cache, as
 * on a fresh clone in CI, goes through ts-jest itself), under a key that changes with what decides it.
 */
describe('the TypeScript transform', () => {
  const options = { tsconfig: 'tsconfig.json' };
  const source = 'export const size: number = 1;\nexport enum Kind { SMALL = "Small" }\n';
  const path = `${__dirname}/example.ts`;
  const transformOptions = (overrides: object = {}) => ({ configString: '{"a":1}', instrument: false, supportsStaticESM: false, ...overrides });

  test('the cache key changes with the source, the path, jest\'s configuration, instrumenting and the tsconfig, and is the same for the same inputs', () => {
    const key = (transformer: Transformer, text = source, file = path, overrides: object = {}) => transformer.getCacheKey(text, file, transformOptions(overrides));
    const transformer = createTransformer(options);
    const keys = [
      key(transformer),
      key(transformer, `${source}// more\n`),
      key(transformer, source, `${__dirname}/other.ts`),
      key(transformer, source, path, { configString: '{"a":2}' }),
      key(transformer, source, path, { instrument: true }),
      key(createTransformer({ tsconfig: 'tsconfig.cdktn.json' })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(key(createTransformer(options))).toBe(keys[0]);
  });
});

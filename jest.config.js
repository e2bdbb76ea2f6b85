/** Jest runs the TypeScript sources through ts-jest in transpile-only mode; `npm run typecheck` does the type checking once for the whole tree. */
module.exports = {
  testEnvironment: 'node',
  // Two workers on the 2-core machines CI and the bench run on (jest's default is cores - 1, one worker):
  // npm test measured 67 s with one, see the README's bench table for the current figure.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // ts-jest, loaded only on a cache miss (test/ts-transform.js).
    '^.+\\.ts$': ['<rootDir>/test/ts-transform.js', { tsconfig: 'tsconfig.json' }],
  },
  // See test/lazy-archiver.js.
  moduleNameMapper: { '^archiver$': '<rootDir>/test/lazy-archiver.js' },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // A scratch TMPDIR per run, removed after it (test/global-setup.ts); jest's own cache stays where it was.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  cacheDirectory: require('node:path').join(require('node:os').tmpdir(), 'jest_rs'),
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};

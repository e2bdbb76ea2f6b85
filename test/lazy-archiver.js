'use strict';
// Stands in for `archiver` under jest (jest.config.js maps it here). The engine loads archiver, and the
// hundred modules under it, only to zip the archives of a TerraformAsset, which no test makes; jest
// loads every module again for each test file, and this one cost 19 ms a file (1.2 CPU-seconds a run).
// The real archiver, the engine's own copy, is loaded on the first call.
const { dirname } = require('node:path');

let real;
module.exports = function archiver(...args) {
  if (real === undefined) {
    const engine = dirname(require.resolve('cdktf/package.json'));
    real = require(dirname(require.resolve('archiver/package.json', { paths: [engine] })));
  }
  return real(...args);
};

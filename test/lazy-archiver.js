'use strict';
// Stands in for `archiver` under jest (jest.config.js maps it here). cdktf 0.21 loads archiver, and the
// hundred modules under it, only to zip the archives of a TerraformAsset (lib/private/fs.js), which one
// test makes (test/tooling/lazy-archiver.test.ts, which checks this stand-in); jest loads every module
// again for each test file, and this one cost 19 ms a file (over a CPU-second a run). The real archiver,
// cdktf's own copy, is loaded on the first call. (cdktn zips with fflate and loads no archiver, so
// jest.cdktn.config.js has no need of this.)
const { dirname } = require('node:path');

let real;
module.exports = function archiver(...args) {
  if (real === undefined) {
    const cdktf = dirname(require.resolve('cdktf/package.json'));
    real = require(dirname(require.resolve('archiver/package.json', { paths: [cdktf] })));
  }
  return real(...args);
};

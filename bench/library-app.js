// The deployable app's own code path: read the config, build one stack per region, collect every
// problem (the checks run here, once, as in stacks/main.ts) and refuse to measure a broken build.
'use strict';
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist', 'stacks');
const { readDeploymentConfig } = require(path.join(dist, 'config'));
const { buildDeployment } = require(path.join(dist, 'deployment'));

module.exports = function build(app, config) {
  const parsed = readDeploymentConfig(config, 'bench');
  const built = buildDeployment(app, parsed);
  const problems = [...parsed.problems, ...built.problems];
  if (problems.length > 0) throw new Error(problems.map((problem) => `${problem.jsonPath} ${problem.message}`).join('\n'));
  if (built.stacks.length !== config.regions.length) throw new Error(`built ${built.stacks.length} stacks for ${config.regions.length} regions`);
};

/** The app validates before synth (buildDeployment collects every problem), so synth skips it. */
module.exports.appOptions = { skipValidation: true };

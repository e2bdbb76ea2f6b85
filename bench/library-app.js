// The deployable app's own code path: validate the config, build one stack per region.
'use strict';
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist', 'stacks');
const { parseDeploymentConfig } = require(path.join(dist, 'config'));
const { buildDeployment } = require(path.join(dist, 'deployment'));

module.exports = function build(app, config) {
  const parsed = parseDeploymentConfig(config, 'bench');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  buildDeployment(app, parsed.config);
};

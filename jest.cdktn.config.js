/**
 * The same suite under CDK Terrain (`npm run test:cdktn`): every import of the engine and of the
 * provider bindings, in the library and in the tests, resolves to cdktn and @cdktn/provider-azurerm
 * (same names, same deep paths). See the README, "Engine".
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  moduleNameMapper: {
    '^cdktf$': 'cdktn',
    '^cdktf/(.*)$': 'cdktn/$1',
    '^@cdktf/provider-azurerm/(.*)$': '@cdktn/provider-azurerm/$1',
  },
};

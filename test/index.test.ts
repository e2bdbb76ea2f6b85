/** What `require('cdktf-azure-batch')` gives, loaded afresh with `mocks` in place. */
function loadPackage(mocks: Record<string, () => unknown> = {}): Record<string, unknown> {
  let api: Record<string, unknown> = {};
  jest.isolateModules(() => {
    for (const [name, factory] of Object.entries(mocks)) jest.doMock(name, factory);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    api = require('../lib');
  });
  return api;
}

describe('the package entry (lib/index.ts)', () => {
  // Loaded once for what it exports (each load of the whole package costs tens of ms); the tests that
  // put mocks in place load it afresh.
  let api: Record<string, unknown>;
  beforeAll(() => {
    api = loadPackage();
  });

  // DESIGN.md, "Public API (names are a contract: tests and users import them)".
  test.each([
    'AzureRegion', 'ServiceTag', 'NodeCommunicationRuleSet', 'BatchNetwork', 'PairedStorageAccount', 'RegionalBatchAccount', 'SimplifiedPool',
    'DataDiskStartTask', 'BatchRegion', 'BatchRegionStack', 'BatchBestPractices',
  ])('exports %s', (name) => {
    expect(api[name]).toBeDefined();
  });

  test('exports no internal helper', () => {
    for (const internal of ['resolvedIn', 'literal', 'parseArmId', 'attachPool', 'baseNameFromPath', 'compactName', 'recordProblems', 'privateEndpoint']) {
      expect(api[internal]).toBeUndefined();
    }
  });

  // DESIGN.md, "Quality bars": the provider's barrel costs 1.8 s and 420 MB per process; deep paths only.
  test('loads no provider barrel, only the deep paths it uses', () => {
    const barrel = ['@cdktf', 'provider-azurerm'].join('/');
    const refuse = (what: string) => () => {
      throw new Error(`${what} was loaded`);
    };
    expect(() => loadPackage({ [barrel]: refuse('the barrel') })).not.toThrow();
    // Control: the same trap on a deep path the package does use is sprung.
    expect(() => loadPackage({ [`${barrel}/lib/batch-pool`]: refuse('batch-pool') })).toThrow('batch-pool was loaded');
  });
});

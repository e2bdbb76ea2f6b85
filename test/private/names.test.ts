import { Fn, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { baseNameFromPath, compactName, nameProblem, NameRules, nameStemProblems, physicalNameProblem, shortHash } from '../../lib/private/names';
import { newStack, PROVIDER_RULES_AVAILABLE, providerNameCheck } from '../helpers';

/**
 * Boundary cases of Microsoft Learn "Naming rules and restrictions for Azure resources"
 * (azure-docs `articles/azure-resource-manager/management/resource-name-rules.md`): Microsoft.Resources
 * resourcegroups 1-90, letters, digits, underscores, hyphens, periods and parentheses, not ending in a
 * period; Microsoft.Network virtualNetworks and privateEndpoints 2-64, subnets, networkSecurityGroups
 * and their securityRules 1-80, all "alphanumerics, underscores, periods, and hyphens; start with
 * alphanumeric; end alphanumeric or underscore"; Microsoft.Batch batchAccounts and Microsoft.Storage
 * storageAccounts 3-24 lowercase letters and numbers; Microsoft.OperationalInsights workspaces 4-63
 * alphanumerics and hyphens, starting and ending alphanumeric. Each value is written out, not derived.
 */
const AZURE_NAMING_CASES: Array<[keyof typeof NameRules, string, boolean]> = [
  ['resourceGroup', 'r', true],
  ['resourceGroup', 'r'.repeat(90), true],
  ['resourceGroup', 'r'.repeat(91), false],
  ['resourceGroup', '', false],
  ['resourceGroup', 'rg-(batch)_1.a', true],
  ['resourceGroup', '(rg)', true],
  ['resourceGroup', 'rg.', false],
  ['resourceGroup', 'rg batch', false],
  ['resourceGroup', 'rg/batch', false],
  ['virtualNetwork', 'v', false],
  ['virtualNetwork', 'vn', true],
  ['virtualNetwork', 'v'.repeat(64), true],
  ['virtualNetwork', 'v'.repeat(65), false],
  ['virtualNetwork', 'vnet-contoso.eastus_1', true],
  ['virtualNetwork', 'vnet_', true],
  ['virtualNetwork', 'vnet-', false],
  ['virtualNetwork', 'vnet.', false],
  ['virtualNetwork', '_vnet', false],
  ['virtualNetwork', '-vnet', false],
  ['virtualNetwork', '.vnet', false],
  ['virtualNetwork', 'vnet batch', false],
  ['subnet', 's', true],
  ['subnet', 's'.repeat(80), true],
  ['subnet', 's'.repeat(81), false],
  ['subnet', '_snet', false],
  ['networkSecurityGroup', 'n', true],
  ['networkSecurityGroup', 'n'.repeat(80), true],
  ['networkSecurityGroup', 'n'.repeat(81), false],
  ['securityRule', 'Allow-Out-Storage.EastUS-Tcp-443', true],
  ['securityRule', 'Allow-Out-Storage.EastUS-Tcp-443.', false],
  ['privateEndpoint', 'p', false],
  ['privateEndpoint', 'pe-bacontoso-nodeManagement', true],
  ['privateEndpoint', 'p'.repeat(65), false],
  ['batchAccount', 'ba', false],
  ['batchAccount', 'ba1', true],
  ['batchAccount', 'b'.repeat(24), true],
  ['batchAccount', 'b'.repeat(25), false],
  ['batchAccount', 'Bacontoso', false],
  ['batchAccount', 'ba-contoso', false],
  ['storageAccount', 'st1', true],
  ['storageAccount', 's'.repeat(25), false],
  ['storageAccount', 'st_contoso', false],
  ['logAnalyticsWorkspace', 'log', false],
  ['logAnalyticsWorkspace', 'log1', true],
  ['logAnalyticsWorkspace', 'l'.repeat(63), true],
  ['logAnalyticsWorkspace', 'l'.repeat(64), false],
  ['logAnalyticsWorkspace', 'log-batch-1', true],
  ['logAnalyticsWorkspace', '-log1', false],
  ['logAnalyticsWorkspace', 'log1-', false],
  ['logAnalyticsWorkspace', 'log_1', false],
];

describe('NameRules', () => {
  test.each(AZURE_NAMING_CASES)('%s name %j is valid on Azure: %s', (kind, name, valid) => {
    expect(nameProblem(NameRules[kind], name) === undefined).toBe(valid);
  });

  test('a problem says which resource, its length and its characters', () => {
    expect(nameProblem(NameRules.virtualNetwork, 'vnet-')).toBe(
      'is not a valid virtual network name: use 2-64 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
    );
    expect(nameProblem(NameRules.batchAccount, 'Batch')).toBe('is not a valid Batch account name: use 3-24 lowercase letters and digits');
  });

  test('a name known only at apply time is not judged', () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    expect(nameProblem(NameRules.storageAccount, name)).toBeUndefined();
  });

  test('a bad override is reported on the override, a bad derived name on the stem it came from', () => {
    expect(physicalNameProblem(NameRules.batchAccount, 'Batch_1', { path: 'name', value: 'Batch_1' }, { path: 'namePrefix', value: 'x' })).toEqual({
      path: 'name', value: 'Batch_1', message: 'is not a valid Batch account name: use 3-24 lowercase letters and digits',
    });
    expect(physicalNameProblem(NameRules.virtualNetwork, 'vnet-a.', { path: 'virtualNetworkName' }, { path: 'baseName', value: 'a.' })).toEqual({
      path: 'baseName',
      value: 'a.',
      message: 'gives virtualNetworkName "vnet-a.", which is not a valid virtual network name: use 2-64 letters, digits, underscores, periods and hyphens, '
        + 'starting with a letter or digit and ending with a letter, digit or underscore; change baseName or set virtualNetworkName',
    });
    expect(physicalNameProblem(NameRules.virtualNetwork, 'vnet-a', { path: 'virtualNetworkName' }, { path: 'baseName', value: 'a' })).toBeUndefined();
  });
});

describe('generated names', () => {
  test('are made only from parts known at synth: a part known only at deploy time is a problem at its path', () => {
    const token = Token.asString(Fn.lower('V2'));
    expect(nameStemProblems({ namePrefix: 'contoso', uniqueSuffix: token, name: undefined })).toEqual([{
      path: 'uniqueSuffix', value: token,
      message: 'is known only at deploy time, but the physical name is made from it, and checked against Azure\'s rules, at synth; give it as a literal, or give name as a Terraform expression',
    }]);
    // Its token's text would be in the name, and its number (the order tokens are made in) in the hash.
    expect(compactName('st', token, [token])).toMatch(/^sttftokentoken\d+[0-9a-f]{8}$/);
  });

  // The first 8 hex digits of SHA-256 over the parts joined by NUL, computed outside this code:
  //   printf 'batch-eastus/Region' | sha256sum        -> 27ea9f2a...
  //   printf 'contoso\0eastus' | sha256sum            -> 24f8b509...
  // Pinned because a generated name is a physical name: if it changed, the next deploy would replace
  // the resource (a storage account with its data).
  test('are the same in every run and every version: pinned values', () => {
    const region = new Construct(newStack('batch-eastus'), 'Region');
    expect(baseNameFromPath(region)).toBe('batch-eastus-region-27ea9f2a');
    expect(shortHash(['contoso', 'eastus'])).toBe('24f8b509');
    expect(compactName('st', 'contoso', ['contoso', 'eastus'])).toBe('stcontoso24f8b509');
  });

  test('base names of long paths fit 40 characters, are stable across apps and differ by path', () => {
    const inApp = (leaf: string) => {
      const region = new Construct(newStack('batch-southcentralus'), 'Region With A Long Id');
      return baseNameFromPath(new Construct(new Construct(region, 'Network For The Rendering Farm'), leaf));
    };
    const a = inApp('Pool Subnet');
    const b = inApp('Pool Subnet 2');
    expect(a.length).toBeLessThanOrEqual(40);
    expect(b.length).toBeLessThanOrEqual(40);
    // Same readable stem (the cut hides where the paths differ); only the hash tells them apart.
    expect(a.slice(0, -9)).toBe(b.slice(0, -9));
    expect(a).not.toBe(b);
    expect(inApp('Pool Subnet')).toBe(a);
    expect(a).toMatch(/^batch-southcentralus-region-wit-[0-9a-f]{8}$/);
    // A base name becomes `vnet-<base>`, `nsg-<base>-pool`: it must leave those valid on Azure.
    for (const name of [`vnet-${a}`, `nsg-${a}-pool`, `snet-${a}-pool`]) expect(nameProblem(NameRules.virtualNetwork, name)).toBeUndefined();
  });

  (PROVIDER_RULES_AVAILABLE ? test : test.skip)('compact names pass the provider\'s own name rules even from long or odd stems, and differ by what must make them unique', () => {
    const storage = providerNameCheck('azurerm_storage_account');
    const account = providerNameCheck('azurerm_batch_account');
    const names = [
      compactName('st', 'contoso', ['contoso', 'eastus']),
      compactName('st', 'contoso', ['contoso', 'westus']),
      compactName('st', 'Fabrikam-Render_Farm.Production', ['fabrikam', 'southeastasia']),
      compactName('ba', 'contoso', ['contoso', 'eastus', 'v2']),
    ];
    for (const name of names.slice(0, 3)) expect(storage(name)).toBe(true);
    expect(account(names[3])).toBe(true);
    expect(names[2]).toMatch(/^stfabrikamrender[0-9a-f]{8}$/);
    expect(names[2]).toHaveLength(24);
    expect(new Set(names).size).toBe(names.length);
  });
});

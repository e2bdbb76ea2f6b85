import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import {
  BatchAccountImportProps,
  BatchAuthenticationMode,
  BatchSubresource,
  PoolAllocationMode,
  RegionalBatchAccount,
  RegionalBatchAccountProps,
} from '../../lib/account/regional-batch-account';
import { BatchNetwork } from '../../lib/network/batch-network';
import { PoolScale } from '../../lib/pool/pool-scale';
import { SimplifiedPool, SimplifiedPoolProps } from '../../lib/pool/simplified-pool';
import { PairedStorageAccount, StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { errorOf, newApp, newStack, providerRules, resolved, resourcesOf, synth } from '../helpers';

const eastus = AzureRegion.of('eastus');
const VAULT = { id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-batch', url: 'https://kv-batch.vault.azure.net/' };
const WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/log-central';
const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch';
const STORAGE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared';
const BATCH_ZONE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.batch.azure.com';

function account(props: Partial<RegionalBatchAccountProps> = {}, options: { storageRegion?: AzureRegion; withNetwork?: boolean } = {}) {
  const stack = newStack();
  const network = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
  const storageRegion = options.storageRegion ?? eastus;
  const storageAccount = new PairedStorageAccount(stack, 'Storage', {
    region: storageRegion, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'contoso',
  });
  const construct = new RegionalBatchAccount(stack, 'Account', {
    region: eastus, resourceGroupName: 'rg', storageAccount, network: options.withNetwork === false ? undefined : network, namePrefix: 'contoso', ...props,
  });
  return { stack, construct, json: () => synth(stack) };
}

describe('RegionalBatchAccount', () => {
  test('defaults: Batch-service allocation, system identity, managed-identity auto-storage with a node identity, Entra ID only, no public access', () => {
    const json = account().json();
    expect(resourcesOf(json, 'azurerm_batch_account')).toEqual([{
      name: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/),
      resource_group_name: 'rg',
      location: 'eastus',
      pool_allocation_mode: 'BatchService',
      identity: { type: 'SystemAssigned' },
      storage_account_id: expect.stringMatching(/^\$\{azurerm_storage_account\.Storage_[A-F0-9]+\.id\}$/),
      storage_account_authentication_mode: 'BatchAccountManagedIdentity',
      storage_account_node_identity: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Account_NodeIdentity_[A-F0-9]+\.id\}$/),
      allowed_authentication_modes: ['AAD'],
      public_network_access_enabled: false,
    }]);
    expect(resourcesOf(json, 'azurerm_user_assigned_identity')).toEqual([{
      name: expect.stringMatching(/^id-bacontoso[0-9a-f]{8}-nodes$/), resource_group_name: 'rg', location: 'eastus',
    }]);
    expect(resourcesOf(json, 'azurerm_role_assignment')).toEqual([{
      scope: expect.stringMatching(/^\$\{azurerm_storage_account\.Storage_[A-F0-9]+\.id\}$/),
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_[A-F0-9]+\.identity\[0\]\.principal_id\}$/),
      principal_type: 'ServicePrincipal',
      description: 'Batch account identity manages application packages in its auto-storage',
    }, {
      scope: expect.stringMatching(/^\$\{azurerm_storage_account\.Storage_[A-F0-9]+\.id\}$/),
      role_definition_name: 'Storage Blob Data Reader',
      principal_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Account_NodeIdentity_[A-F0-9]+\.principal_id\}$/),
      principal_type: 'ServicePrincipal',
      description: 'Batch pool nodes read application packages from auto-storage',
    }]);
  });

  test('a node identity of your own is used instead of creating one', () => {
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-batch-nodes';
    const json = account({ nodeIdentityId: id }).json();
    expect(resourcesOf(json, 'azurerm_batch_account')[0]).toMatchObject({ storage_account_node_identity: id });
    expect(resourcesOf(json, 'azurerm_user_assigned_identity')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_role_assignment').map((assignment) => assignment.role_definition_name)).toEqual(['Storage Blob Data Contributor']);
    expect(errorOf(() => account({ nodeIdentityId: 'id-batch-nodes' }))).toContain('nodeIdentityId "id-batch-nodes" is not a user-assigned identity resource id');
  });

  test('one private endpoint per sub-resource, in the endpoint subnet, registered in a linked privatelink.batch zone', () => {
    const json = account().json();
    const endpoints = resourcesOf(json, 'azurerm_private_endpoint');
    expect(endpoints.map((endpoint) => (endpoint.private_service_connection as { subresource_names: string[] }).subresource_names)).toEqual([['batchAccount'], ['nodeManagement']]);
    for (const endpoint of endpoints) {
      expect(endpoint).toMatchObject({
        subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_EndpointSubnet_[A-F0-9]+\.id\}$/),
        private_service_connection: { is_manual_connection: false, private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_/) },
        private_dns_zone_group: { private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.Account_BatchDnsZone_/)] },
      });
    }
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([{ name: 'privatelink.batch.azure.com', resource_group_name: 'rg' }]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(1);
  });

  test('diagnostics: a regional workspace and all logs and metrics of the account (the NSG\'s are the region\'s)', () => {
    const json = account().json();
    expect(resourcesOf(json, 'azurerm_log_analytics_workspace')).toEqual([{
      name: 'log-contoso-eastus', location: 'eastus', resource_group_name: 'rg', sku: 'PerGB2018', retention_in_days: 30,
    }]);
    expect(resourcesOf(json, 'azurerm_monitor_diagnostic_setting')).toEqual([{
      name: 'batch-diagnostics', enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [{ category: 'AllMetrics' }],
      target_resource_id: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_/),
      log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Account_Workspace_/),
    }]);
    const given = account({ logAnalyticsWorkspaceId: WORKSPACE });
    expect(resourcesOf(given.json(), 'azurerm_log_analytics_workspace')).toEqual([]);
    expect(resourcesOf(given.json(), 'azurerm_monitor_diagnostic_setting').map((setting) => setting.log_analytics_workspace_id)).toEqual([WORKSPACE]);
    expect(given.construct.logAnalyticsWorkspaceId).toBe(WORKSPACE);
  });

  test('accountName references the account, so what uses it is created after it; physicalName is the literal name', () => {
    const { stack, construct, json } = account();
    const [name] = Object.keys(json().resource!.azurerm_batch_account);
    expect(resolved(stack, construct.accountName)).toBe(`\${azurerm_batch_account.${name}.name}`);
    expect(construct.physicalName).toBe(resourcesOf(json(), 'azurerm_batch_account')[0].name);
    expect(construct.physicalName).toMatch(/^bacontoso[0-9a-f]{8}$/);
    expect(construct.accountHostName).toMatch(/^bacontoso[0-9a-f]{8}\.eastus\.batch\.azure\.com$/);
    const china = account({ region: AzureRegion.of('chinanorth3'), allowedIpRanges: ['203.0.113.0/24'] }, { storageRegion: AzureRegion.of('chinanorth3'), withNetwork: false }).construct;
    expect(china.accountHostName).toMatch(/^ba[a-z0-9]+\.chinanorth3\.batch\.chinacloudapi\.cn$/);
  });

  test('IP ranges may be references, but not a whole list known only at deploy time: each range is a rule of its own', () => {
    const range = Token.asString(Fn.lower('203.0.113.0/24'));
    expect(resourcesOf(account({ allowedIpRanges: [range] }).json(), 'azurerm_batch_account')[0]).toMatchObject({ network_profile: { account_access: { ip_rule: [{ ip_range: '${lower("203.0.113.0/24")}', action: 'Allow' }] } } });
    expect(errorOf(() => account({ allowedIpRanges: Token.asList(Fn.concat([['203.0.113.0/24']])) }))).toBe(
      'RegionalBatchAccount test/Account: allowedIpRanges (a Terraform expression) is known only at deploy time, but the account writes one IP rule per range, and opens its public endpoint for them, at synth; give a list of ranges, each of which may be a reference',
    );
  });

  test('a name prefix known only at deploy time is refused, as its token\'s text would make the account\'s and workspace\'s names', () => {
    const prefix = Token.asString(Fn.lower('Contoso'));
    const use = 'is known only at deploy time, but the physical name is made from it, and checked against Azure\'s rules, at synth; give it as a literal, or give name as a Terraform expression';
    expect(errorOf(() => account({ namePrefix: prefix }))).toBe(`RegionalBatchAccount test/Account: namePrefix (a Terraform expression) ${use}`);
    expect(errorOf(() => account({ namePrefix: prefix, name: 'bacontoso' }))).toBe(`RegionalBatchAccount test/Account: namePrefix (a Terraform expression) ${use}`);
    expect(errorOf(() => account({ uniqueSuffix: Token.asString(Fn.lower('V2')) }))).toBe(`RegionalBatchAccount test/Account: uniqueSuffix (a Terraform expression) ${use}`);
    // Neither names anything when the account's name and workspace are given.
    expect(() => account({ namePrefix: prefix, uniqueSuffix: prefix, name: 'bacontoso', logAnalyticsWorkspaceId: WORKSPACE }).json()).not.toThrow();
  });

  test('applications: immutable versions by default, in the account; ids compare case-insensitively', () => {
    const { construct, json } = account();
    construct.addApplication({ name: 'Blender' });
    construct.addApplication({ name: 'ffmpeg', displayName: 'FFmpeg', allowUpdates: true });
    expect(resourcesOf(json(), 'azurerm_batch_application')).toEqual([
      { name: 'Blender', display_name: 'Blender', allow_updates: false, resource_group_name: 'rg', account_name: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_[A-F0-9]+\.name\}$/) },
      { name: 'ffmpeg', display_name: 'FFmpeg', allow_updates: true, resource_group_name: 'rg', account_name: expect.stringMatching(/^\$\{azurerm_batch_account\.Account_[A-F0-9]+\.name\}$/) },
    ]);
    expect(errorOf(() => construct.addApplication({ name: 'blender' }))).toBe(
      'RegionalBatchAccount test/Account: applications "blender" is added twice (application ids compare case-insensitively); add each application once',
    );
    expect(errorOf(() => construct.addApplication({ name: 'my app' }))).toBe(
      'RegionalBatchAccount test/Account: applications "my app" is not an application id; use 1-64 letters, digits, hyphens or underscores',
    );
    expect(errorOf(() => construct.addApplication({ name: Token.asString(Fn.lower('A')) }))).toBe(
      'RegionalBatchAccount test/Account: applications (a Terraform expression) is known only at deploy time, but an application is made under the construct id Application-<name>, its Terraform address, at synth; give the name as a literal',
    );
  });

  test('a name another Batch account of the app in the same region has taken, in another stack too, is refused; the same name in another region is fine', () => {
    const app = newApp();
    const inStack = (id: string, props: Partial<RegionalBatchAccountProps>, region = eastus) => {
      const stack = new TerraformStack(app, id);
      const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: id });
      return new RegionalBatchAccount(stack, 'Account', { region, resourceGroupName: 'rg', storageAccount, namePrefix: 'contoso', allowedIpRanges: ['203.0.113.0/24'], privateEndpoints: [], ...props });
    };
    const why = 'Batch account names are unique within a region (REST "Batch Account - Create", accountName)';
    const first = inStack('dev', {});
    expect(errorOf(() => inStack('prod', {}))).toBe(
      `RegionalBatchAccount prod/Account: namePrefix "contoso" gives name "${first.physicalName}", which dev/Account, another Batch account of this app in eastus, has taken: ${why}; change namePrefix, or set uniqueSuffix or name`);
    expect(inStack('suffixed', { uniqueSuffix: 'prod' }).physicalName).not.toBe(first.physicalName);
    inStack('named', { name: 'bacontoso' });
    expect(errorOf(() => inStack('again', { name: 'bacontoso' }))).toContain('RegionalBatchAccount again/Account: name "bacontoso" is taken by named/Account, another Batch account of this app in eastus:');
    expect(inStack('west', { name: 'bacontoso' }, AzureRegion.of('westus')).physicalName).toBe('bacontoso');
  });

  test('public access restricted to IP ranges through network_profile', () => {
    const json = account({ allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'] }).json();
    expect(resourcesOf(json, 'azurerm_batch_account')[0]).toMatchObject({
      public_network_access_enabled: true,
      network_profile: {
        account_access: { default_action: 'Deny', ip_rule: [{ ip_range: '203.0.113.0/24', action: 'Allow' }, { ip_range: '198.51.100.7', action: 'Allow' }] },
        node_management_access: { default_action: 'Deny' },
      },
    });
    const withoutNetwork = account({ allowedIpRanges: ['203.0.113.0/24'] }, { withNetwork: false }).json();
    expect(resourcesOf(withoutNetwork, 'azurerm_private_endpoint')).toEqual([]);
  });

  test.each<[string, Partial<RegionalBatchAccountProps>, { withNetwork: boolean }]>([
    ['no network (so no endpoints)', {}, { withNetwork: false }],
    ['only a batchAccount endpoint', { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }] }, { withNetwork: true }],
    ['no endpoints', { privateEndpoints: [] }, { withNetwork: true }],
  ])('without a nodeManagement endpoint (%s), IP ranges leave node management\'s public endpoint open to the nodes', (_, props, options) => {
    const built = account({ ...props, allowedIpRanges: ['203.0.113.0/24'] }, options);
    expect(resourcesOf(built.json(), 'azurerm_batch_account')[0]).toMatchObject({ network_profile: {
      account_access: { default_action: 'Deny' },
      node_management_access: { default_action: 'Allow' },
    } });
    expect(built.construct.nodeManagementPrivateEndpoint).toBe(false);
  });

  test('a batchAccount endpoint alone, with public access disabled, is refused: nodes could not reach node management', () => {
    expect(errorOf(() => account({ privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }] }))).toBe(
      'RegionalBatchAccount test/Account: privateEndpoints [["batchAccount"]] has no "nodeManagement" endpoint while public network access is disabled, so pool nodes could not reach Batch node management and would never become usable; add { subresources: ["nodeManagement"] } (or give allowedIpRanges, which opens node management\'s public endpoint to the nodes)',
    );
  });

  test('IP ranges the provider refuses (/31, /32: prefixes /0 to /30 only) are refused at synth, its widest accepted ones pass', () => {
    const [rule] = providerRules('azurerm_batch_account', 'network_profile.account_access.ip_rule.ip_range').filter((candidate) => candidate.regex !== undefined);
    const providerAccepts = (range: string): boolean => new RegExp(rule.regex as string).test(range);
    for (const range of ['203.0.113.6/31', '203.0.113.7/32']) {
      expect([range, providerAccepts(range)]).toEqual([range, false]);
      expect(errorOf(() => account({ allowedIpRanges: [range] }))).toBe(
        `RegionalBatchAccount test/Account: allowedIpRanges[0] "${range}" is a /31 or /32 range, which Batch account IP rules refuse; give the single address without a prefix`,
      );
    }
    for (const range of ['203.0.113.4/30', '203.0.113.7']) {
      expect([range, providerAccepts(range)]).toEqual([range, true]);
      expect(resourcesOf(account({ allowedIpRanges: [range] }).json(), 'azurerm_batch_account')[0]).toMatchObject({ network_profile: { account_access: { ip_rule: [{ ip_range: range, action: 'Allow' }] } } });
    }
  });

  test('more than 200 IP ranges (the limit per Batch endpoint) are refused; 200 pass', () => {
    const ranges = (count: number): string[] => Array.from({ length: count }, (_, i) => `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`);
    expect(resourcesOf(account({ allowedIpRanges: ranges(200) }).json(), 'azurerm_batch_account')[0]).toMatchObject({ network_profile: { account_access: { ip_rule: ranges(200).map((ipRange) => ({ ip_range: ipRange, action: 'Allow' })) } } });
    expect(errorOf(() => account({ allowedIpRanges: ranges(201) }))).toMatch(
      /^RegionalBatchAccount test\/Account: allowedIpRanges \["203\.0\.0\.1",.* lists 201 ranges, more than the 200 IP rules a Batch account endpoint takes; merge neighbouring ranges into wider blocks$/,
    );
  });

  test('user-subscription mode with a Key Vault, extra auth modes, destroy protection and an explicit name', () => {
    const json = account({
      poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: VAULT,
      authenticationModes: [BatchAuthenticationMode.ENTRA_ID, BatchAuthenticationMode.TASK_AUTHENTICATION_TOKEN],
      preventDestroy: true, name: 'babatchprod01',
    }).json();
    expect(resourcesOf(json, 'azurerm_batch_account')[0]).toMatchObject({
      name: 'babatchprod01', pool_allocation_mode: 'UserSubscription', key_vault_reference: VAULT,
      allowed_authentication_modes: ['AAD', 'TaskAuthenticationToken'],
      lifecycle: { prevent_destroy: true },
    });
    // No Azure lock: the account's pools and applications would inherit it and never be deleted.
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
  });

  test('a Key Vault URI is that of the vault the id names, in the account\'s cloud: letter case and the final slash are free, and references are taken as given', () => {
    const userSubscription = (keyVaultReference: { id: string; url: string }, region = eastus) => {
      const stack = newStack();
      const storageAccount = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'contoso' });
      new RegionalBatchAccount(stack, 'Account', {
        region, resourceGroupName: 'rg', storageAccount, allowedIpRanges: ['203.0.113.4/30'], privateEndpoints: [], namePrefix: 'contoso',
        poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference,
      });
      return resourcesOf(synth(stack), 'azurerm_batch_account')[0].key_vault_reference;
    };
    expect(userSubscription({ id: VAULT.id, url: 'https://KV-Batch.vault.azure.net' })).toEqual({ id: VAULT.id, url: 'https://KV-Batch.vault.azure.net' });
    const gov = { id: VAULT.id, url: 'https://kv-batch.vault.usgovcloudapi.net/' };
    expect(userSubscription(gov, AzureRegion.of('usgovvirginia'))).toEqual(gov);
    expect(errorOf(() => userSubscription(VAULT, AzureRegion.of('chinanorth3')))).toBe(
      'RegionalBatchAccount test/Account: keyVaultReference.url "https://kv-batch.vault.azure.net/" is not the URI of a vault in chinanorth3\'s cloud, whose vault URIs end in .vault.azure.cn; the vault must be in the account\'s subscription and region: give "https://kv-batch.vault.azure.cn/"',
    );
    // An id known only at apply time (a vault of the same stack, say): only the URI's cloud is checked.
    const id = Fn.join('', ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/', Fn.lower('KV-BATCH')]);
    expect(userSubscription({ id, url: 'https://kv-batch.vault.azure.net/' })).toEqual({ id: expect.stringMatching(/^\$\{join\(/), url: 'https://kv-batch.vault.azure.net/' });
    expect(errorOf(() => userSubscription({ id, url: 'https://kv-batch.vault.azure.cn/' }))).toBe(
      `RegionalBatchAccount test/Account: keyVaultReference.url "https://kv-batch.vault.azure.cn/" is not the URI of a vault in eastus's cloud, whose vault URIs end in .vault.azure.net; the vault must be in the account's subscription and region: give "https://<vault>.vault.azure.net/"`,
    );
  });

  test.each<[string, Partial<RegionalBatchAccountProps>, string]>([
    ['user-subscription mode without a Key Vault', { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION },
      'keyVaultReference (missing) is required with PoolAllocationMode.USER_SUBSCRIPTION; give the id and URL of a Key Vault the Batch service can access'],
    ['a Key Vault without user-subscription mode', { keyVaultReference: VAULT },
      `keyVaultReference "${VAULT.id}" only applies with PoolAllocationMode.USER_SUBSCRIPTION; remove it or change poolAllocationMode`],
    ['a malformed Key Vault URL', { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: { id: VAULT.id, url: 'kv-batch' } },
      'keyVaultReference.url "kv-batch" is not a Key Vault URI; give the vault\'s https URI, "https://kv-batch.vault.azure.net/"'],
    ['a Key Vault URL with a path', { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: { id: VAULT.id, url: 'https://kv-batch.vault.azure.net/secrets/x' } },
      'keyVaultReference.url "https://kv-batch.vault.azure.net/secrets/x" is not a Key Vault URI; give the vault\'s https URI, "https://kv-batch.vault.azure.net/"'],
    ...['kv', 'kv--batch', '1kv-batch', 'kv-batch-'].map((name): [string, Partial<RegionalBatchAccountProps>, string] => [`the Key Vault name ${name}`, {
      poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: { id: VAULT.id.replace('kv-batch', name), url: `https://${name}.vault.azure.net/` },
    }, `keyVaultReference.id "${VAULT.id.replace('kv-batch', name)}" names vault "${name}", which is not a valid Key Vault name: use 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, without two hyphens in a row; give the id of the vault as Azure shows it`]),
    ['the URL of another vault than the id', { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: { id: VAULT.id, url: 'https://kv-other.vault.azure.net/' } },
      'keyVaultReference.url "https://kv-other.vault.azure.net/" is the URI of vault "kv-other", but keyVaultReference.id names vault "kv-batch"; give the id and URI of one vault: "https://kv-batch.vault.azure.net/"'],
    ['the URL of a vault in another cloud', { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: { id: VAULT.id, url: 'https://kv-batch.vault.usgovcloudapi.net/' } },
      'keyVaultReference.url "https://kv-batch.vault.usgovcloudapi.net/" is not the URI of a vault in eastus\'s cloud, whose vault URIs end in .vault.azure.net; the vault must be in the account\'s subscription and region: give "https://kv-batch.vault.azure.net/"'],
    ['shared keys in user-subscription mode', {
      poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION, keyVaultReference: VAULT,
      authenticationModes: [BatchAuthenticationMode.ENTRA_ID, BatchAuthenticationMode.SHARED_KEY],
    }, 'authenticationModes ["AAD","SharedKey"] includes SharedKey, which user-subscription accounts do not support (clients must use Entra ID); remove it'],
    ['no authentication mode', { authenticationModes: [] }, 'authenticationModes [] is empty; allow at least "AAD"'],
    ['both sub-resources on one endpoint', { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT, BatchSubresource.NODE_MANAGEMENT] }] },
      'privateEndpoints[0].subresources ["batchAccount","nodeManagement"] must name exactly one sub-resource: Azure requires a separate private endpoint for "batchAccount" and "nodeManagement"; split it into one endpoint each'],
    ['a repeated sub-resource', { privateEndpoints: [{ subresources: [BatchSubresource.NODE_MANAGEMENT] }, { subresources: [BatchSubresource.NODE_MANAGEMENT] }] },
      'privateEndpoints[1].subresources ["nodeManagement"] repeats "nodeManagement"; give each sub-resource one endpoint'],
    ['no way in', { privateEndpoints: [] },
      'privateEndpoints [] is empty while public network access is disabled, so nothing could reach the account; keep the default endpoints or give allowedIpRanges'],
    ['an invalid name override', { name: 'Batch-Prod' },
      'name "Batch-Prod" is not a valid Batch account name: use 3-24 lowercase letters and digits'],
    ['a too long name override', { name: 'a'.repeat(25) },
      `name "${'a'.repeat(25)}" is not a valid Batch account name: use 3-24 lowercase letters and digits`],
    ['a private IP range', { allowedIpRanges: ['192.168.0.0/24'] },
      'allowedIpRanges[0] "192.168.0.0/24" is a private range, which never reaches a public endpoint; use the private endpoint instead'],
    ['a malformed workspace id', { logAnalyticsWorkspaceId: 'log-central' },
      'logAnalyticsWorkspaceId "log-central" is not a Log Analytics workspace resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<workspace>'],
    // The provider's own check (validate/log_analytics_workspace_name.go at v4.55.0) refuses it at plan.
    ['a name prefix the workspace name cannot take', { namePrefix: 'My_App.dev' },
      'namePrefix "My_App.dev" gives the Log Analytics workspace the name "log-My_App.dev-eastus", which is not a valid Log Analytics workspace name: use 4-63 letters, digits and hyphens, starting and ending with a letter or digit; change namePrefix, or give logAnalyticsWorkspaceId'],
  ])('rejects %s', (_, props, message) => {
    expect(errorOf(() => account(props))).toBe(`RegionalBatchAccount test/Account: ${message}`);
  });

  test('a name prefix of other characters is fine when the workspace is given: the account name keeps letters and digits only', () => {
    const workspace = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central';
    const json = account({ namePrefix: 'My_App.dev', logAnalyticsWorkspaceId: workspace }).json();
    expect(resourcesOf(json, 'azurerm_log_analytics_workspace')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_batch_account')[0].name).toMatch(/^bamyappdev[0-9a-f]{8}$/);
  });

  test('rejects auto-storage in another region', () => {
    expect(errorOf(() => account({}, { storageRegion: AzureRegion.of('westus') }))).toBe(
      'RegionalBatchAccount test/Account: storageAccount "westus" is in another region than the account ("eastus"); auto-storage must be in the same region for acceptable performance (HA guidance)',
    );
  });

  test('rejects private endpoints without a network to put them in', () => {
    expect(errorOf(() => account({ privateEndpoints: [{ subresources: [BatchSubresource.NODE_MANAGEMENT] }] }, { withNetwork: false }))).toBe(
      'RegionalBatchAccount test/Account: network (missing) is required for private endpoints; give the region\'s network, or a subnetId per endpoint',
    );
  });

  describe('private endpoints in subnets of your own, without a network', () => {
    const ENDPOINTS = [
      { subresources: [BatchSubresource.BATCH_ACCOUNT], subnetId: SUBNET },
      { subresources: [BatchSubresource.NODE_MANAGEMENT], subnetId: SUBNET },
    ];

    test('need the id of your privatelink.batch zone: there is no VNet to link a new one to', () => {
      expect(errorOf(() => account({ privateEndpoints: ENDPOINTS }, { withNetwork: false }))).toBe(
        'RegionalBatchAccount test/Account: privateDnsZoneId (missing) is required for private endpoints without a network: the zone cannot be linked to a VNet this account does not know; give the id of your privatelink.batch zone, or the network',
      );
    });

    test('go into the given subnets and register in the given zone; no zone or link is created', () => {
      const json = account({ privateEndpoints: ENDPOINTS, privateDnsZoneId: BATCH_ZONE }, { withNetwork: false }).json();
      expect(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint) => [
        (endpoint.private_service_connection as { subresource_names: string[] }).subresource_names,
        endpoint.subnet_id,
        (endpoint.private_dns_zone_group as { private_dns_zone_ids: string[] }).private_dns_zone_ids,
      ])).toEqual([[['batchAccount'], SUBNET, [BATCH_ZONE]], [['nodeManagement'], SUBNET, [BATCH_ZONE]]]);
      expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([]);
    });
  });

  describe('fromAccountId', () => {
    const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/baprod01';
    const NODE_IDENTITY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-batch-nodes';

    function poolIn(accountId: string, props: Partial<BatchAccountImportProps> = {}, pool: Partial<SimplifiedPoolProps> = {}) {
      const stack = newStack();
      const network = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
      const imported = RegionalBatchAccount.fromAccountId(stack, 'Account', accountId, { region: eastus, ...props });
      new SimplifiedPool(stack, 'Pool', { name: 'work', vmSize: 'Standard_D4s_v5', account: imported, network, ...pool });
      return { stack, imported };
    }

    test('a SimplifiedPool joins the imported account: account name and resource group come from the id; nothing is created for the account', () => {
      const { stack, imported } = poolIn(ACCOUNT_ID);
      const json = synth(stack);
      const [pool] = resourcesOf(json, 'azurerm_batch_pool');
      expect(pool).toMatchObject({ account_name: 'baprod01', resource_group_name: 'rg-batch' });
      expect(pool.identity).toBeUndefined();
      for (const type of ['azurerm_batch_account', 'azurerm_user_assigned_identity', 'azurerm_role_assignment', 'azurerm_private_endpoint', 'azurerm_log_analytics_workspace']) {
        expect([type, resourcesOf(json, type)]).toEqual([type, []]);
      }
      expect(imported).not.toBeInstanceOf(RegionalBatchAccount);
      expect(imported.poolAllocationMode).toBe(PoolAllocationMode.BATCH_SERVICE);
      // The pool waits for the network only: nothing of the account is created here.
      expect(pool.depends_on).toEqual([
        expect.stringMatching(/^azurerm_subnet_network_security_group_association\.Network_/),
        expect.stringMatching(/^azurerm_network_security_rule\.Network_Rules_/),
      ]);
    });

    test('the node identity is given to every pool, and the allocation mode sets the pool\'s limits', () => {
      const json = synth(poolIn(ACCOUNT_ID, { nodeIdentityId: NODE_IDENTITY }).stack);
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].identity).toEqual({ type: 'UserAssigned', identity_ids: [NODE_IDENTITY] });
      const interNode = { interNodeCommunication: true, scale: PoolScale.fixed({ dedicatedNodes: 90 }) };
      expect(() => poolIn(ACCOUNT_ID, {}, interNode)).not.toThrow();
      expect(errorOf(() => poolIn(ACCOUNT_ID, { poolAllocationMode: PoolAllocationMode.USER_SUBSCRIPTION }, interNode))).toContain(
        'reaches 90 nodes, but a pool with interNodeCommunication holds at most 80 in a UserSubscription account',
      );
    });

    test('an id known only at deploy time is split by Terraform', () => {
      const stack = newStack();
      const id = new TerraformVariable(stack, 'batch_account_id', { type: 'string' }).stringValue;
      const imported = RegionalBatchAccount.fromAccountId(stack, 'Account', id, { region: eastus });
      expect(resolved(stack, imported.accountName)).toBe('${element(split("/", var.batch_account_id), 8)}');
      expect(resolved(stack, imported.resourceGroupName)).toBe('${element(split("/", var.batch_account_id), 4)}');
    });

    test.each<[string, string, Partial<BatchAccountImportProps>, string]>([
      ['a malformed account id', 'baprod01', {},
        'accountId "baprod01" is not a Batch account resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Batch/batchAccounts/<account>'],
      ['the id of another resource type', STORAGE_ID, {},
        `accountId "${STORAGE_ID}" is not a Batch account resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Batch/batchAccounts/<account>`],
      // batch/validate/account_name.go at azurerm v4.55.0: 3-24 lowercase letters and digits.
      ['an account name the provider refuses', ACCOUNT_ID.replace(/[^/]+$/, 'BaContoso_1'), {},
        `accountId "${ACCOUNT_ID.replace(/[^/]+$/, 'BaContoso_1')}" names account "BaContoso_1", which is not a valid Batch account name: use 3-24 lowercase letters and digits`],
      ['a malformed node identity', ACCOUNT_ID, { nodeIdentityId: 'id-batch-nodes' },
        'nodeIdentityId "id-batch-nodes" is not a user-assigned identity resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>'],
    ])('rejects %s, naming the factory', (_, id, props, message) => {
      expect(errorOf(() => RegionalBatchAccount.fromAccountId(newStack(), 'Account', id, { region: eastus, ...props }))).toBe(`RegionalBatchAccount.fromAccountId test/Account: ${message}`);
    });
  });

  test('takes an imported network: endpoints go into its subnet, the zone is linked to its VNet', () => {
    const stack = newStack();
    const network = BatchNetwork.fromSubnetId(stack, 'Hub', SUBNET, { region: eastus, addressPrefix: '10.50.4.0/22' });
    const storageAccount = PairedStorageAccount.fromStorageAccountId(stack, 'Shared', STORAGE_ID, { region: eastus });
    new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'contoso' });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint) => endpoint.subnet_id)).toEqual([SUBNET, SUBNET]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').map((link) => link.virtual_network_id)).toEqual([
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
    ]);
  });

  test('rejects a network of another region', () => {
    const stack = newStack();
    const network = new BatchNetwork(stack, 'Network', { region: AzureRegion.of('westus'), resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
    const storageAccount = PairedStorageAccount.fromStorageAccountId(stack, 'Shared', STORAGE_ID, { region: eastus });
    expect(errorOf(() => new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, network }))).toBe(
      'RegionalBatchAccount test/Account: network "westus" is in another region than the account ("eastus"); use the network of the same region',
    );
  });
});

import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import {
  PairedStorageAccount,
  PairedStorageAccountProps,
  StorageNetworkAccess,
  StorageReplication,
} from '../../lib/storage/paired-storage-account';
import { errorOf, newApp, newStack, resourcesOf, synth } from '../helpers';

const eastus = AzureRegion.of('eastus');
const STORAGE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared';

function storage(props: Partial<PairedStorageAccountProps> = {}, region = eastus) {
  const stack = newStack();
  const network = new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
  const construct = new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', network, namePrefix: 'contoso', ...props });
  return { stack, construct, json: () => synth(stack) };
}

describe('PairedStorageAccount', () => {
  test('secure by default: TLS 1.2, HTTPS, no public blobs, no shared keys, soft delete, infrastructure encryption, public endpoint off', () => {
    const [account] = resourcesOf(storage().json(), 'azurerm_storage_account');
    expect(account).toEqual({
      name: expect.stringMatching(/^stcontoso[0-9a-f]{8}$/),
      resource_group_name: 'rg',
      location: 'eastus',
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'LRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      local_user_enabled: false,
      sftp_enabled: false,
      public_network_access_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      blob_properties: { delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
    });
  });

  test('a blob private endpoint in the endpoint subnet, registered in a linked privatelink.blob zone', () => {
    const json = storage().json();
    expect(resourcesOf(json, 'azurerm_private_endpoint')).toEqual([{
      name: expect.stringMatching(/^pe-stcontoso[0-9a-f]{8}-blob$/),
      custom_network_interface_name: expect.stringMatching(/-blob-nic$/),
      location: 'eastus',
      resource_group_name: 'rg',
      subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_EndpointSubnet_[A-F0-9]+\.id\}$/),
      private_service_connection: {
        name: expect.stringMatching(/-blob$/), is_manual_connection: false, subresource_names: ['blob'],
        private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_storage_account\.Storage_[A-F0-9]+\.id\}$/),
      },
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.Storage_BlobDnsZone_[A-F0-9]+\.id\}$/)] },
    }]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([{ name: 'privatelink.blob.core.windows.net', resource_group_name: 'rg' }]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([{
      name: 'vnet-link', resource_group_name: 'rg', registration_enabled: false, resolution_policy: 'NxDomainRedirect',
      private_dns_zone_name: expect.stringContaining('azurerm_private_dns_zone.Storage_BlobDnsZone_'),
      virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_[A-F0-9]+\.id\}$/),
    }]);
  });

  test('network access modes', () => {
    const privateOnly = resourcesOf(storage({ networkAccess: StorageNetworkAccess.PRIVATE }).json(), 'azurerm_storage_account')[0];
    expect(privateOnly).toMatchObject({ public_network_access_enabled: false, network_rules: { default_action: 'Deny' } });
    const open = storage({ networkAccess: StorageNetworkAccess.PUBLIC });
    expect(resourcesOf(open.json(), 'azurerm_storage_account')[0]).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: 'Allow' } });
    const firewall = resourcesOf(storage({ allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'] }).json(), 'azurerm_storage_account')[0];
    expect(firewall).toMatchObject({ network_rules: { default_action: 'Deny', bypass: ['AzureServices'], ip_rules: ['203.0.113.0/24', '198.51.100.7'] } });
  });

  test('replication, soft delete, lock, explicit name and an existing DNS zone', () => {
    const zone = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net';
    const json = storage({ replication: StorageReplication.ZRS, softDeleteRetentionDays: 30, deleteLock: true, name: 'stbatchdata01', privateDnsZoneId: zone }).json();
    expect(resourcesOf(json, 'azurerm_storage_account')[0]).toMatchObject({
      name: 'stbatchdata01', account_replication_type: 'ZRS',
      blob_properties: { delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } },
    });
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([expect.objectContaining({ lock_level: 'CanNotDelete', name: 'do-not-delete' })]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_private_endpoint')[0]).toMatchObject({ private_dns_zone_group: { private_dns_zone_ids: [zone] } });
  });

  test('a name another storage account of the app has taken, in another stack or region too, is refused; one of another cloud is fine', () => {
    const app = newApp();
    const inStack = (id: string, props: Partial<PairedStorageAccountProps>, region = eastus) => {
      const stack = new TerraformStack(app, id);
      return new PairedStorageAccount(stack, 'Storage', { region, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC, namePrefix: 'contoso', ...props });
    };
    const why = 'storage account names are unique across Azure ("Naming rules and restrictions for Azure resources", scope global)';
    const first = inStack('dev', {});
    expect(errorOf(() => inStack('prod', {}))).toBe(
      `PairedStorageAccount prod/Storage: namePrefix "contoso" gives name "${first.physicalName}", which dev/Storage, another storage account of this app, has taken: ${why}; change namePrefix, or set uniqueSuffix or name`);
    inStack('named', { name: 'stcontosodata' });
    expect(errorOf(() => inStack('again', { name: 'stcontosodata' }, AzureRegion.of('westus')))).toBe(
      `PairedStorageAccount again/Storage: name "stcontosodata" is taken by named/Storage, another storage account of this app: ${why}; give each its own name`);
    expect(inStack('china', { name: 'stcontosodata' }, AzureRegion.of('chinanorth3')).physicalName).toBe('stcontosodata');
    expect(inStack('suffixed', { uniqueSuffix: 'prod' }).physicalName).not.toBe(first.physicalName);
  });

  test('names are deterministic, change with uniqueSuffix and region, and use each cloud\'s DNS zone', () => {
    const name = (props: Partial<PairedStorageAccountProps>, region = eastus) => resourcesOf(storage(props, region).json(), 'azurerm_storage_account')[0].name;
    expect(name({})).toBe(name({}));
    expect(name({ uniqueSuffix: '2' })).not.toBe(name({}));
    expect(name({}, AzureRegion.of('westus'))).not.toBe(name({}));
    const china = storage({}, AzureRegion.of('chinanorth3')).json();
    expect(resourcesOf(china, 'azurerm_private_dns_zone')[0].name).toBe('privatelink.blob.core.chinacloudapi.cn');
  });

  describe('fromStorageAccountId', () => {
    test('imports a storage account that exists: nothing is created, the id and the declared access are kept', () => {
      const stack = newStack();
      const imported = PairedStorageAccount.fromStorageAccountId(stack, 'Shared', STORAGE_ID, { region: eastus });
      const firewalled = PairedStorageAccount.fromStorageAccountId(stack, 'Firewalled', STORAGE_ID, { region: eastus, networkAccess: StorageNetworkAccess.FIREWALL });
      expect(imported.storageAccountId).toBe(STORAGE_ID);
      expect(imported.region.name).toBe('eastus');
      expect(imported.networkAccess).toBe(StorageNetworkAccess.PRIVATE);
      expect(firewalled.networkAccess).toBe(StorageNetworkAccess.FIREWALL);
      expect(imported).not.toBeInstanceOf(PairedStorageAccount);
      const json = synth(stack);
      expect(json.resource ?? {}).toEqual({});
    });

    test('an account auto-stores in the imported account: its id, and the roles on it', () => {
      const stack = newStack();
      const storageAccount = PairedStorageAccount.fromStorageAccountId(stack, 'Shared', STORAGE_ID, { region: eastus });
      new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, allowedIpRanges: ['203.0.113.0/24'], namePrefix: 'contoso' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_storage_account')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_batch_account')[0]).toMatchObject({ storage_account_id: STORAGE_ID });
      expect(resourcesOf(json, 'azurerm_role_assignment').map((assignment) => [assignment.role_definition_name, assignment.scope])).toEqual([
        ['Storage Blob Data Contributor', STORAGE_ID],
        ['Storage Blob Data Reader', STORAGE_ID],
      ]);
    });

    test('an id known only at deploy time is accepted as it is', () => {
      const stack = newStack();
      const id = new TerraformVariable(stack, 'storage_id', { type: 'string' }).stringValue;
      expect(PairedStorageAccount.fromStorageAccountId(stack, 'Shared', id, { region: eastus }).storageAccountId).toBe(id);
    });

    test('rejects a malformed storage id, naming the factory', () => {
      expect(errorOf(() => PairedStorageAccount.fromStorageAccountId(newStack(), 'Shared', 'stshared', { region: eastus }))).toBe(
        'PairedStorageAccount.fromStorageAccountId test/Shared: storageAccountId "stshared" is not a storage account resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>',
      );
      const subnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet';
      expect(errorOf(() => PairedStorageAccount.fromStorageAccountId(newStack(), 'Shared', subnetId, { region: eastus }))).toContain(`storageAccountId "${subnetId}" is not a storage account resource id`);
    });

    test('an account refuses an imported storage account in another region', () => {
      const stack = newStack();
      const storageAccount = PairedStorageAccount.fromStorageAccountId(stack, 'Shared', STORAGE_ID, { region: AzureRegion.of('westus') });
      expect(errorOf(() => new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, allowedIpRanges: ['203.0.113.0/24'] }))).toBe(
        'RegionalBatchAccount test/Account: storageAccount "westus" is in another region than the account ("eastus"); auto-storage must be in the same region for acceptable performance (HA guidance)',
      );
    });
  });

  test.each<[string, Partial<PairedStorageAccountProps>, string]>([
    ['a malformed DNS zone id', { privateDnsZoneId: 'privatelink.blob.core.windows.net' },
      'privateDnsZoneId "privatelink.blob.core.windows.net" is not a private DNS zone resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>'],
    ['a fractional retention', { softDeleteRetentionDays: 7.5 },
      'softDeleteRetentionDays 7.5 is out of range; use a whole number of days from 1 to 365'],
    ['an invalid name override', { name: 'St_Batch' },
      'name "St_Batch" is not a valid storage account name: use 3-24 lowercase letters and digits'],
    ['soft delete out of range', { softDeleteRetentionDays: 400 },
      'softDeleteRetentionDays 400 is out of range; use a whole number of days from 1 to 365'],
    ['a private IP range', { allowedIpRanges: ['10.1.0.0/16'] },
      'allowedIpRanges[0] "10.1.0.0/16" is a private range, which never reaches a public endpoint; use the private endpoint instead'],
    ['a /32 range', { allowedIpRanges: ['203.0.113.7/32'] },
      'allowedIpRanges[0] "203.0.113.7/32" is a /31 or /32 range, which storage IP rules refuse; give the single address without a prefix'],
    ['IP ranges without the firewall', { networkAccess: StorageNetworkAccess.PRIVATE, allowedIpRanges: ['203.0.113.0/24'] },
      'allowedIpRanges ["203.0.113.0/24"] only applies with networkAccess "firewall", not "private"; remove it or switch to StorageNetworkAccess.FIREWALL'],
  ])('rejects %s', (_, props, message) => {
    expect(errorOf(() => storage(props))).toBe(`PairedStorageAccount test/Storage: ${message}`);
  });

  test('soft delete and IP ranges known only at deploy time reach the provider as given; container names are refused, being Terraform addresses', () => {
    const [account] = resourcesOf(storage({ softDeleteRetentionDays: Token.asNumber(Fn.abs(30)), allowedIpRanges: Token.asList(Fn.concat([['203.0.113.0/24']])) }).json(), 'azurerm_storage_account');
    expect(account).toMatchObject({
      blob_properties: { delete_retention_policy: { days: '${abs(30)}' }, container_delete_retention_policy: { days: '${abs(30)}' } },
      network_rules: { default_action: 'Deny', ip_rules: '${concat(["203.0.113.0/24"])}' },
    });
    const use = 'is known only at deploy time, but each container is made under the construct id Container-<name>, its Terraform address, at synth';
    expect(errorOf(() => storage({ referenceContainers: [Token.asString(Fn.lower('A'))] }))).toBe(`PairedStorageAccount test/Storage: referenceContainers[0] (a Terraform expression) ${use}; give the name as a literal`);
    expect(errorOf(() => storage({ referenceContainers: Token.asList(Fn.concat([['a']])) }))).toBe(`PairedStorageAccount test/Storage: referenceContainers (a Terraform expression) ${use}; give a list of names`);
  });

  test('a name prefix or unique suffix known only at deploy time is refused, as its token\'s text would make the name; a name so known is the name', () => {
    const use = 'is known only at deploy time, but the physical name is made from it, and checked against Azure\'s rules, at synth; give it as a literal, or give name as a Terraform expression';
    expect(errorOf(() => storage({ namePrefix: Token.asString(Fn.lower('Contoso')) }))).toBe(`PairedStorageAccount test/Storage: namePrefix (a Terraform expression) ${use}`);
    expect(errorOf(() => storage({ uniqueSuffix: Token.asString(Fn.lower('V2')) }))).toBe(`PairedStorageAccount test/Storage: uniqueSuffix (a Terraform expression) ${use}`);
    expect(resourcesOf(storage({ name: Token.asString(Fn.lower('STDATA')), namePrefix: Token.asString(Fn.lower('Contoso')) }).json(), 'azurerm_storage_account')[0]).toMatchObject({ name: '${lower("STDATA")}' });
  });

  test('requires the network unless the public endpoint is open', () => {
    const stack = newStack();
    expect(errorOf(() => new PairedStorageAccount(stack, 'Storage', { region: eastus, resourceGroupName: 'rg' }))).toBe(
      'PairedStorageAccount test/Storage: network (missing) is required with networkAccess "private": nodes reach the storage through a blob private endpoint in the network; give the region\'s BatchNetwork or use StorageNetworkAccess.PUBLIC',
    );
    expect(() => new PairedStorageAccount(stack, 'Open', { region: eastus, resourceGroupName: 'rg', networkAccess: StorageNetworkAccess.PUBLIC })).not.toThrow();
  });

  test('rejects the network of another region', () => {
    const stack = newStack();
    const network = new BatchNetwork(stack, 'Network', { region: AzureRegion.of('westus'), resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
    expect(errorOf(() => new PairedStorageAccount(stack, 'Storage', { region: eastus, resourceGroupName: 'rg', network }))).toBe(
      'PairedStorageAccount test/Storage: network "westus" is in another region than "eastus"; use the network of the same region',
    );
  });

  describe('redundancy the region can give', () => {
    test.each<[string, StorageReplication]>([['eastus', StorageReplication.ZRS], ['eastus', StorageReplication.GZRS], ['westus', StorageReplication.GRS], ['chinanorth3', StorageReplication.ZRS], ['usgovvirginia', StorageReplication.GZRS],
      // Paired one way with Central India ("Azure regions list"), though regions.json lists no pair.
      ['indiasouthcentral', StorageReplication.GZRS], ['indiasouthcentral', StorageReplication.GRS]])(
      '%s accepts %s', (location, replication) => {
        const [account] = resourcesOf(storage({ replication }, AzureRegion.of(location)).json(), 'azurerm_storage_account');
        expect(account.account_replication_type).toBe(replication);
      });

    test.each<[string, StorageReplication, string]>([
      ['westus', StorageReplication.ZRS, 'replication "ZRS" is not available in westus, which has no availability zones; use LRS, or a region with zones'],
      ['westus', StorageReplication.GZRS, 'replication "GZRS" is not available in westus, which has no availability zones; use GRS or LRS, or a region with zones'],
      ['usgovtexas', StorageReplication.ZRS, 'replication "ZRS" is not available in usgovtexas, which has no availability zones; use LRS, or a region with zones'],
      ['chinaeast2', StorageReplication.ZRS, 'replication "ZRS" is not available in chinaeast2, which has no availability zones; use LRS, or a region with zones'],
      ['israelcentral', StorageReplication.GZRS, 'replication "GZRS" needs a paired region for the geo copy, and israelcentral has none; use ZRS or LRS'],
    ])('%s refuses %s', (location, replication, message) => {
      expect(errorOf(() => storage({ replication }, AzureRegion.of(location)))).toBe(`PairedStorageAccount test/Storage: ${message}`);
    });
  });
});

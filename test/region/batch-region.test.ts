import { AzureRegion } from '../../lib/catalog/azure-region';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { PoolScale } from '../../lib/pool/pool-scale';
import { BatchRegion, BatchRegionProps, nodeCapacity } from '../../lib/region/batch-region';
import { RegionRole } from '../../lib/region/region-role';
import { StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { errorOf, newStack, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';

function region(props: Partial<BatchRegionProps> = {}) {
  const stack = newStack();
  const construct = new BatchRegion(stack, 'Region', {
    deploymentName: 'contoso', region: AzureRegion.of('westeurope'), addressSpace: '10.30.0.0/16', ...props,
  });
  return { stack, construct };
}

describe('BatchRegion', () => {
  test('creates its resource group and network, named from deployment and region, tagged', () => {
    const { stack, construct } = region({ role: RegionRole.STANDBY, tags: { costCenter: '42' } });
    const json = synth(stack);
    const tags = { deployment: 'contoso', region: 'westeurope', role: 'standby', costCenter: '42' };
    expect(resourcesOf(json, 'azurerm_resource_group')).toEqual([{ name: 'rg-contoso-westeurope', location: 'westeurope', tags }]);
    expect(resourcesOf(json, 'azurerm_virtual_network')[0]).toMatchObject({ name: 'vnet-contoso-westeurope', location: 'westeurope', tags });
    expect(resourcesOf(json, 'azurerm_subnet').map((subnet) => `${subnet.name} ${subnet.address_prefixes}`)).toEqual([
      'snet-contoso-westeurope-endpoints 10.30.128.0/26',
      'snet-contoso-westeurope-pool 10.30.0.0/17',
    ]);
    expect(resourcesOf(json, 'azurerm_network_security_group')[0]).toMatchObject({ name: 'nsg-contoso-westeurope-pool', tags });
    expect(ruleShapes(json).map((rule) => rule.peer)).toEqual(['BatchNodeManagement.WestEurope']);
    expect(construct.role).toBe(RegionRole.STANDBY);
  });

  test('adds the paired storage and the Batch account, named from the deployment, in the region', () => {
    const { stack, construct } = region({ deleteLocks: true, storageNetworkAccess: StorageNetworkAccess.PRIVATE, uniqueSuffix: 'v2' });
    const json = synth(stack);
    const [storage] = resourcesOf(json, 'azurerm_storage_account');
    const [account] = resourcesOf(json, 'azurerm_batch_account');
    expect(storage).toMatchObject({ name: expect.stringMatching(/^stcontoso[0-9a-f]{8}$/), location: 'westeurope', public_network_access_enabled: false });
    expect(account).toMatchObject({ name: expect.stringMatching(/^bacontoso[0-9a-f]{8}$/), location: 'westeurope', storage_account_authentication_mode: 'BatchAccountManagedIdentity' });
    // Locks: storage only; the account is kept by Terraform's prevent_destroy (an Azure lock would be inherited by its pools).
    expect(resourcesOf(json, 'azurerm_management_lock').map((lock) => lock.scope)).toEqual([expect.stringMatching(/^\$\{azurerm_storage_account\./)]);
    expect(account.lifecycle).toEqual({ prevent_destroy: true });
    expect(resourcesOf(json, 'azurerm_private_endpoint')).toHaveLength(3);
    expect(construct.account.region.name).toBe('westeurope');
    const other = synth(region().stack);
    expect(resourcesOf(other, 'azurerm_storage_account')[0].name).not.toBe(storage.name);
  });

  test('passes rule set, rules and lockdown to the network', () => {
    const { stack } = region({
      ruleSet: NodeCommunicationRuleSet.UNION,
      restrictOutbound: true,
      networkRules: [NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.WestEurope'), Port.tcp(443))],
    });
    expect(ruleShapes(synth(stack)).map((rule) => `${rule.direction} ${rule.access} ${rule.peer} ${rule.priority}`)).toEqual([
      'Inbound Allow BatchNodeManagement.WestEurope 100',
      'Outbound Allow BatchNodeManagement.WestEurope 100',
      'Outbound Allow Storage.WestEurope 120',
      'Outbound Allow AzureContainerRegistry.WestEurope 200',
      'Outbound Allow 10.30.128.0/26 4095',
      'Outbound Deny * 4096',
    ]);
  });

  test('uses a given resource group instead of creating one', () => {
    const { stack, construct } = region({ resourceGroupName: 'rg-platform' });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_resource_group')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_virtual_network')[0]).toMatchObject({ resource_group_name: 'rg-platform' });
    expect(construct.resourceGroup).toBeUndefined();
  });

  test('sizes the pool subnet for every node plus the largest pool again (create-before-destroy replacement)', () => {
    expect(nodeCapacity([
      { name: 'a', vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: 40, spotNodes: 20 }) },
      { name: 'b', vmSize: 'Standard_D2s_v5', scale: PoolScale.pendingTasks({ maxNodes: 30 }) },
    ])).toBe(150);
    expect(errorOf(() => region({
      addressSpace: '10.30.0.0/24', pools: [{ name: 'big', vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: 100 }) }],
    }))).toBe(
      'BatchNetwork test/Region/Network: addressSpace "10.30.0.0/24" leaves 123 addresses in the pool subnet 10.30.0.0/25 (128 minus the 5 Azure reserves), but maxNodeCount is 200; use an addressSpace of /23 or shorter',
    );
    expect(errorOf(() => region({ addressSpace: '172.17.0.0/16', containerPools: true }))).toContain('overlaps Docker\'s default bridge 172.17.0.0/16');
  });

  test.each<[string, Partial<BatchRegionProps>, string[]]>([
    ['a region without simplified mode', { region: AzureRegion.of('westindia') }, [
      'region "westindia" does not support simplified compute node communication, the only mode Batch pools have since classic mode retired on 2026-03-31; choose another region, e.g. its pair or a neighbour',
    ]],
    ['a retired region', { region: AzureRegion.of('usgoviowa') }, [
      'region "usgoviowa" does not support simplified compute node communication, the only mode Batch pools have since classic mode retired on 2026-03-31; choose another region, e.g. its pair or a neighbour',
      'region "usgoviowa" is retired; choose a region that is in service',
    ]],
    ['a bad deployment name', { deploymentName: 'Contoso_1' }, [
      'deploymentName "Contoso_1" is not a deployment name; use 3-11 lowercase letters or digits, e.g. "contoso"',
    ]],
    ['a bad resource group name', { resourceGroupName: 'rg.' }, [
      'resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
    ]],
  ])('rejects %s', (_, props, lines) => {
    expect(errorOf(() => region(props))).toBe(lines.map((line) => `BatchRegion test/Region: ${line}`).join('\n'));
  });

  describe('globally unique names', () => {
    const SUB_A = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';
    const SUB_B = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    const names = (props: Partial<BatchRegionProps>) => {
      const json = synth(region(props).stack);
      return [resourcesOf(json, 'azurerm_storage_account')[0].name, resourcesOf(json, 'azurerm_batch_account')[0].name];
    };

    test('the subscription goes into the hash: the same deployment in two subscriptions gets two sets of names, each stable across synths', () => {
      expect(names({ subscriptionId: SUB_A })).toEqual(names({ subscriptionId: SUB_A }));
      expect(names({ subscriptionId: SUB_A.toUpperCase() })).toEqual(names({ subscriptionId: SUB_A }));
      const [storageA, accountA] = names({ subscriptionId: SUB_A });
      const [storageB, accountB] = names({ subscriptionId: SUB_B });
      expect(storageA).not.toBe(storageB);
      expect(accountA).not.toBe(accountB);
      expect(names({ subscriptionId: SUB_A, uniqueSuffix: 'v2' })[0]).not.toBe(storageA);
    });

    test('without a subscription or suffix the names are the deployment\'s alone, and a warning says so', () => {
      expect(warningsOf(region().construct)).toEqual([expect.stringMatching(/^\[NAMES\] storage and Batch account names come from "contoso" and westeurope only/)]);
      expect(warningsOf(region({ subscriptionId: SUB_A }).construct)).toEqual([]);
      // An explicit suffix keeps the names it gave before subscriptions were hashed.
      expect(warningsOf(region({ uniqueSuffix: 'v2' }).construct)).toEqual([]);
    });

    test('a subscription id that is not a GUID is refused', () => {
      expect(errorOf(() => region({ subscriptionId: 'prod' }))).toBe(
        'BatchRegion test/Region: subscriptionId "prod" is not a subscription id; give its GUID, e.g. "00000000-0000-0000-0000-000000000000"',
      );
    });
  });

  test('a tag named like one the library sets is refused, not silently overridden', () => {
    expect(errorOf(() => region({ tags: { ROLE: 'batch' } }))).toBe(
      'BatchRegion test/Region: tags.ROLE "batch" is a tag the library sets itself (deployment, region, role; names compare case-insensitively); rename yours',
    );
  });
});

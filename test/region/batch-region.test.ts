import { Fn, Testing, Token } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { IConstruct } from 'constructs';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Port } from '../../lib/network/port';
import { Peer } from '../../lib/network/peer';
import { ServiceTag } from '../../lib/network/service-tag';
import { PoolScale } from '../../lib/pool/pool-scale';
import { PoolOptions } from '../../lib/pool/simplified-pool';
import { collectProblems } from '../../lib/private/problems';
import { BatchRegion, BatchRegionProps } from '../../lib/region/batch-region';
import { RegionRole } from '../../lib/region/region-role';
import { IAutoStorageAccount, PairedStorageAccount, StorageNetworkAccess, StorageReplication } from '../../lib/storage/paired-storage-account';
import { errorOf, newStack, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';

const westeurope = AzureRegion.of('westeurope');
const HUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network';
const SUBNET_ID = `${HUB}/virtualNetworks/vnet-hub/subnets/snet-batch`;
const NSG_ID = `${HUB}/networkSecurityGroups/nsg-hub`;
const STORAGE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata';

function region(props: Partial<BatchRegionProps> = {}) {
  const stack = newStack();
  const construct = new BatchRegion(stack, 'Region', {
    deploymentName: 'contoso', region: westeurope, addressSpace: '10.30.0.0/16', ...props,
  });
  return { stack, construct };
}

/** A region in `stack` that adopts what `imports` makes there (no address space of its own). */
function adopting(imports: (stack: TerraformStack) => { network?: IBatchNetwork; storage?: IAutoStorageAccount }, props: Partial<BatchRegionProps> = {}) {
  const stack = newStack();
  const construct = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, ...imports(stack), ...props });
  return { stack, construct };
}

const importedSubnet = (stack: TerraformStack, props: { addressPrefix?: string; networkSecurityGroupId?: string } = {}) =>
  BatchNetwork.fromSubnetId(stack, 'Hub', SUBNET_ID, { region: westeurope, ...props });
const importedStorage = (stack: TerraformStack, location = 'westeurope') =>
  PairedStorageAccount.fromStorageAccountId(stack, 'Data', STORAGE_ID, { region: AzureRegion.of(location) });

/** The error annotations on `scope` and below. */
function errorsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata).filter((entry) => entry.type === '@cdktf/error').map((entry) => String(entry.data));
}

const pool = (name: string, nodes = 0, extra: Partial<PoolOptions> = {}): PoolOptions => ({
  name, vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: nodes }), ...extra,
});

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

  // Learn "Lock your resources", "Considerations before applying your locks": a CanNotDelete lock on a
  // resource blocks deleting role assignments at its scope; hashicorp/terraform-provider-azurerm#17478:
  // and the private endpoint's connection. Depending on them, a destroy removes the lock first.
  test('the storage lock depends on what it would stop deleting: containers, endpoints to the account, role assignments on it or in it', () => {
    const { stack, construct } = region({ deleteLocks: true, storageNetworkAccess: StorageNetworkAccess.PRIVATE, referenceContainers: ['reference'] });
    const storage = construct.storage as PairedStorageAccount;
    const principalId = '00000000-0000-0000-0000-000000000001';
    // Added after the region, as a user would: on a container, below the account's id, on another account.
    new RoleAssignment(stack, 'OnContainer', { scope: storage.containers[0].resourceManagerId, roleDefinitionName: 'Storage Blob Data Reader', principalId });
    new RoleAssignment(stack, 'BelowAccount', { scope: `${storage.resource.id}/blobServices/default`, roleDefinitionName: 'Storage Blob Data Reader', principalId });
    new RoleAssignment(stack, 'Elsewhere', { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other', roleDefinitionName: 'Storage Blob Data Reader', principalId });
    new PrivateEndpoint(stack, 'FileEndpoint', {
      name: 'pe-file', location: 'westeurope', resourceGroupName: 'rg', subnetId: construct.network.privateEndpointSubnetId,
      privateServiceConnection: { name: 'file', privateConnectionResourceId: storage.resource.id, subresourceNames: ['file'], isManualConnection: false },
    });
    const json = synth(stack);
    const [lock] = resourcesOf(json, 'azurerm_management_lock');
    const addresses = (type: string, keep: (id: string) => boolean = () => true) => Object.keys(json.resource![type]).filter(keep).map((id) => `${type}.${id}`);
    expect([...(lock.depends_on as string[])].sort()).toEqual([
      ...addresses('azurerm_storage_container'),
      ...addresses('azurerm_private_endpoint', (id) => id.includes('Storage') || id.startsWith('FileEndpoint')),
      ...addresses('azurerm_role_assignment', (id) => !id.startsWith('Elsewhere')),
    ].sort());
    expect(addresses('azurerm_role_assignment')).toHaveLength(5);
    expect(addresses('azurerm_private_endpoint').length).toBeGreaterThan(2);
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

  describe('two regions given one resource group', () => {
    const SUBSCRIPTION = '11111111-1111-1111-1111-111111111111';
    /** Regions in stacks of one app, each given `rg-platform` (in another letter case for the second). */
    function twoRegions(second: Partial<BatchRegionProps> = {}, first: Partial<BatchRegionProps> = {}): () => BatchRegion {
      const app = Testing.app();
      const inStack = (id: string, props: BatchRegionProps) => {
        const stack = new TerraformStack(app, id);
        new AzurermProvider(stack, 'azurerm', { features: [{}] });
        return new BatchRegion(stack, 'Region', props);
      };
      inStack('batch-westeurope', { deploymentName: 'contoso', region: westeurope, addressSpace: '10.30.0.0/16', resourceGroupName: 'rg-platform', ...first });
      return () => inStack('batch-northeurope', {
        deploymentName: 'contoso', region: AzureRegion.of('northeurope'), addressSpace: '10.40.0.0/16', resourceGroupName: 'RG-Platform', ...second,
      });
    }

    test('are refused when both create the private DNS zones there (the second deploy would fail with "already exists")', () => {
      expect(errorOf(twoRegions())).toBe(
        'BatchRegion batch-northeurope/Region: resourceGroupName "RG-Platform" is also the resource group of the westeurope region, and both create the private DNS zones privatelink.batch.azure.com, privatelink.blob.core.windows.net in it: a group holds one zone of a name, so the second deploy fails with "already exists"; give each region its own resource group, or create the zones once, linked to every region\'s VNet, and pass their ids in privateDnsZoneIds (regions in different subscriptions: set subscriptionId on each)',
      );
      expect(errorOf(twoRegions({ privateDnsZoneIds: { batch: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.batch.azure.com` } }))).toContain(
        'both create the private DNS zone privatelink.blob.core.windows.net in it',
      );
    });

    test('are fine in different subscriptions, or when the second region creates no zone there', () => {
      expect(twoRegions({ subscriptionId: SUBSCRIPTION })().network).toBeDefined();
      const zones = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones`;
      expect(twoRegions({ privateDnsZoneIds: { batch: `${zones}/privatelink.batch.azure.com`, blob: `${zones}/privatelink.blob.core.windows.net` } })().network).toBeDefined();
    });
  });

  test('the NSG\'s logs go to the account\'s workspace', () => {
    const json = synth(region().stack);
    const settings = Object.entries(json.resource!.azurerm_monitor_diagnostic_setting);
    expect(settings.map(([id, setting]) => [id.replace(/_[A-F0-9]{8}$/, ''), setting.name])).toEqual([
      ['Region_Account_Diagnostics', 'batch-diagnostics'],
      ['Region_Account_NetworkSecurityGroupDiagnostics', 'nsg-diagnostics'],
    ]);
    expect(settings[1][1]).toEqual({
      name: 'nsg-diagnostics', enabled_log: [{ category_group: 'allLogs' }],
      target_resource_id: expect.stringMatching(/^\$\{azurerm_network_security_group\.Region_Network_NetworkSecurityGroup_[A-F0-9]+\.id\}$/),
      log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Region_Account_Workspace_[A-F0-9]+\.id\}$/),
    });
  });

  describe('pools', () => {
    test('are created in the region\'s account and pool subnet, those of the props first, then those of addPool', () => {
      const { stack, construct } = region({ pools: [pool('render', 2)] });
      const added = construct.addPool(pool('encode', 3));
      expect(construct.pools.map((p) => p.name)).toEqual(['render', 'encode']);
      expect(construct.pools[1]).toBe(added);
      const pools = resourcesOf(synth(stack), 'azurerm_batch_pool');
      expect(pools.map((p) => [p.display_name, (p.fixed_scale as { target_dedicated_nodes: number }).target_dedicated_nodes]).sort()).toEqual([['encode', 3], ['render', 2]]);
      for (const p of pools) {
        expect(p).toMatchObject({
          account_name: expect.stringMatching(/^\$\{azurerm_batch_account\.Region_Account_[A-F0-9]+\.name\}$/),
          resource_group_name: expect.stringMatching(/^\$\{azurerm_resource_group\.Region_ResourceGroup_[A-F0-9]+\.name\}$/),
          network_configuration: { subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Region_Network_PoolSubnet_[A-F0-9]+\.id\}$/) },
        });
      }
    });

    test('a bad pool among good ones: the good pools are still created, the bad one\'s problem is recorded under pools[i]', () => {
      const bad = pool('scratch', 1, { dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/a' }, { lun: 0, sizeGb: 64, mountPath: '/data/b' }] });
      const { stack, construct } = region({ pools: [pool('render', 2), bad, pool('encode', 2)] });
      expect(construct.pools.map((p) => p.name)).toEqual(['render', 'encode']);
      expect(construct.addPool(pool('Bad_Name!'))).toBeUndefined();
      expect(resourcesOf(synth(stack), 'azurerm_batch_pool').map((p) => p.display_name).sort()).toEqual(['encode', 'render']);
      const problems = [
        { subject: 'BatchRegion', constructPath: 'test/Region', path: 'pools[1].dataDisks[1].lun', value: 0, message: 'repeats dataDisks[0].lun; give each disk its own LUN' },
        {
          subject: 'BatchRegion', constructPath: 'test/Region', path: 'pools[3].name', value: 'Bad_Name!',
          message: 'is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)',
        },
      ];
      expect(collectProblems(stack)).toEqual(problems);
      expect(errorsOf(stack)).toEqual([
        'BatchRegion test/Region: pools[1].dataDisks[1].lun 0 repeats dataDisks[0].lun; give each disk its own LUN',
        'BatchRegion test/Region: pools[3].name "Bad_Name!" is not a pool name; use 1-57 letters, digits, hyphens or underscores (the pool id adds a 7-character suffix)',
      ]);
    });

    test('a repeated name (compared case-insensitively) is recorded under its own index, and the first pool keeps its own', () => {
      const { stack, construct } = region({ ruleSet: NodeCommunicationRuleSet.CLASSIC, pools: [pool('render'), pool('RENDER'), pool('render')] });
      expect(construct.pools.map((p) => p.name)).toEqual(['render']);
      expect(collectProblems(stack).map((problem) => `${problem.path} ${JSON.stringify(problem.value)} ${problem.message.split(';')[0]}`)).toEqual([
        'pools[1].name "RENDER" repeats a pool name (ids compare case-insensitively)',
        'pools[2].name "render" repeats a pool name (ids compare case-insensitively)',
        // Checked at synth, on the only pool created: the first.
        'pools[0].network "classic" carries the classic rule set only, and a simplified pool needs outbound 443 over any protocol to BatchNodeManagement.WestEurope (seed: "Use simplified compute node communication")',
      ]);
    });

    test('a pool name the construct tree rewrites (a slash) is still reported as the region\'s', () => {
      const { stack } = region({ pools: [pool('render'), pool('a/b')] });
      expect(collectProblems(stack).map((problem) => [problem.subject, problem.path, problem.value])).toEqual([['BatchRegion', 'pools[1].name', 'a/b']]);
    });

    test('a bad application is recorded under applications[i]; the others are created', () => {
      const { stack } = region({ applications: [{ name: 'blender' }, { name: 'my app' }, { name: 'Blender' }, { name: 'ffmpeg' }] });
      expect(resourcesOf(synth(stack), 'azurerm_batch_application').map((application) => application.name)).toEqual(['blender', 'ffmpeg']);
      expect(collectProblems(stack).map((problem) => `${problem.subject} ${problem.path} ${JSON.stringify(problem.value)}`)).toEqual([
        'BatchRegion applications[1] "my app"',
        'BatchRegion applications[2] "Blender"',
      ]);
    });
  });

  describe('the pool subnet is checked at synth against the pools attached', () => {
    // A /24 address space leaves a /25 pool subnet: 128 addresses, 123 usable.
    const big = pool('big', 40, { scale: PoolScale.fixed({ dedicatedNodes: 40, spotNodes: 20 }) });

    test('every node plus the largest pool again fits: 60 + 3 + 60 = 123', () => {
      const { stack } = region({ addressSpace: '10.30.0.0/24', pools: [big, pool('small', 3)] });
      expect(collectProblems(stack)).toEqual([]);
      expect(resourcesOf(synth(stack), 'azurerm_batch_pool')).toHaveLength(2);
    });

    test('one node more does not, and the error names the region\'s addressSpace', () => {
      const { stack } = region({ addressSpace: '10.30.0.0/24', pools: [big, pool('small', 4)] });
      const message = 'addressSpace "10.30.0.0/24" leaves 123 addresses in the pool subnet 10.30.0.0/25 (128 minus the 5 Azure reserves), but the pools attached need 124 nodes (every node, plus the largest pool again for a replacement); use an addressSpace of /23 or shorter (the pool subnet is its first half)';
      expect(collectProblems(stack)).toEqual([{ subject: 'BatchRegion', constructPath: 'test/Region', path: 'addressSpace', value: '10.30.0.0/24', message: message.slice(message.indexOf('leaves')) }]);
      expect(errorOf(() => synth(stack))).toContain(`BatchRegion test/Region: ${message}`);
    });

    test('pools added after the region count too, autoscaled ones at their maximum', () => {
      const { stack, construct } = region({ addressSpace: '10.30.0.0/24' });
      construct.addPool(pool('burst', 0, { scale: PoolScale.pendingTasks({ maxNodes: 62 }) }));
      expect(collectProblems(stack).map((problem) => problem.message)).toEqual([expect.stringContaining('but the pools attached need 124 nodes')]);
    });

    test('container pools stay off Docker\'s bridge; other pools may use its range', () => {
      const containers = region({ addressSpace: '172.17.0.0/16', pools: [pool('c', 0, { image: PoolImage.UBUNTU_2404_HPC, container: {} })] });
      expect(errorOf(() => synth(containers.stack))).toContain(
        'BatchRegion test/Region: addressSpace "172.17.0.0/16" puts 172.17.0.0/16 in the VNet of container pool Pool-c, and it overlaps Docker\'s default bridge 172.17.0.0/16',
      );
      const plain = region({ addressSpace: '172.17.0.0/16', pools: [pool('p')] });
      expect(collectProblems(plain.stack)).toEqual([]);
    });
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
    ['a bad unique suffix', { uniqueSuffix: 'Version-2' }, [
      'uniqueSuffix "Version-2" is not a suffix; use 1-8 lowercase letters or digits',
    ]],
    // Hashed as a token's text, these made names that followed the order tokens are made in: a reference
    // added elsewhere renamed, so replaced, the storage account.
    ['a subscription known only at deploy time', { subscriptionId: Token.asString(Fn.lower('3F2B9C1E-5A4D-4E8F-9B7A-1C2D3E4F5A6B')) }, [
      'subscriptionId (a Terraform expression) is known only at deploy time, but it is hashed into the storage and Batch account names at synth, to make them unique; give the subscription\'s GUID as a literal',
    ]],
    ['a unique suffix known only at deploy time', { uniqueSuffix: Token.asString(Fn.lower('V2')) }, [
      'uniqueSuffix (a Terraform expression) is known only at deploy time, but it is hashed into the storage and Batch account names at synth, to make them unique; give it as a literal',
    ]],
    ['an address space known only at deploy time (the region has no prop for the pool subnet\'s block)', { addressSpace: Token.asString(Fn.lower('10.10.0.0/16')) }, [
      'addressSpace (a Terraform expression) is known only at deploy time, but the region plans its pool and endpoint subnets in it at synth; give it as a literal, or adopt a network that exists (landingZone, network)',
    ]],
    ['a deployment name known only at deploy time', { deploymentName: Token.asString(Fn.lower('Contoso')) }, [
      'deploymentName (a Terraform expression) is known only at deploy time, but every physical name of the region is made from it at synth; give it as a literal',
    ]],
    ['a tag name Azure cannot carry', { tags: { 'cost/center': '42' } }, [
      'tags["cost/center"] "cost/center" has a name Azure cannot carry on every resource; use up to 128 characters without < > % & \\ ? / or control characters',
    ]],
    ['neither an address space nor a network', { addressSpace: undefined }, [
      'addressSpace (missing) is required for a new network; give the VNet\'s range, e.g. "10.10.0.0/16", a landingZone or an imported network',
    ]],
  ])('rejects %s', (_, props, lines) => {
    expect(errorOf(() => region(props))).toBe(lines.map((line) => `BatchRegion test/Region: ${line}`).join('\n'));
  });

  test.each<[string, Partial<BatchRegionProps>, string]>([
    ['the network\'s', { addressSpace: '10.30.0.0/33' },
      'addressSpace "10.30.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
    ['the storage\'s', { region: AzureRegion.of('westus'), storageReplication: StorageReplication.ZRS },
      'storageReplication "ZRS" is not available in westus, which has no availability zones; use LRS, or a region with zones'],
    ['the account\'s', { accountAllowedIpRanges: ['203.0.113.0/24', '10.0.0.0/8'] },
      'accountAllowedIpRanges[1] "10.0.0.0/8" is a private range, which never reaches a public endpoint; use the private endpoint instead'],
    ['the account\'s workspace', { logAnalyticsWorkspaceId: 'log-central' },
      'logAnalyticsWorkspaceId "log-central" is not a Log Analytics workspace resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<workspace>'],
  ])('throws %s problems as problems of the region\'s props', (_, props, message) => {
    expect(errorOf(() => region(props))).toBe(`BatchRegion test/Region: ${message}`);
  });

  describe('adopting what exists', () => {
    test('an imported subnet and storage account: no VNet, subnet or storage account is created; the account and pools use them', () => {
      const { stack, construct } = adopting((s) => ({ network: importedSubnet(s, { addressPrefix: '10.50.4.0/22' }), storage: importedStorage(s) }), { resourceGroupName: 'rg-platform' });
      construct.addPool(pool('render', 2));
      const json = synth(stack);
      for (const type of ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_storage_account', 'azurerm_resource_group']) {
        expect([type, resourcesOf(json, type)]).toEqual([type, []]);
      }
      expect(resourcesOf(json, 'azurerm_batch_account')[0]).toMatchObject({ storage_account_id: STORAGE_ID, resource_group_name: 'rg-platform' });
      expect(resourcesOf(json, 'azurerm_role_assignment').map((assignment) => assignment.scope)).toEqual([STORAGE_ID, STORAGE_ID]);
      expect(resourcesOf(json, 'azurerm_batch_pool').map((p) => (p.network_configuration as { subnet_id: string }).subnet_id)).toEqual([SUBNET_ID]);
      // The Batch account's endpoints share the adopted subnet; the storage's are its own.
      expect(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint) => endpoint.subnet_id)).toEqual([SUBNET_ID, SUBNET_ID]);
      // The rule set goes on a new NSG associated with the subnet, whose logs the region collects.
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([{
        subnet_id: SUBNET_ID, network_security_group_id: expect.stringMatching(/^\$\{azurerm_network_security_group\.Hub_NetworkSecurityGroup_/),
      }]);
      expect(resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map((setting) => setting.target_resource_id)).toEqual([
        expect.stringMatching(/^\$\{azurerm_batch_account\./), expect.stringMatching(/^\$\{azurerm_network_security_group\.Hub_NetworkSecurityGroup_/),
      ]);
      expect(construct.network.subnetId).toBe(SUBNET_ID);
      expect(construct.storage.storageAccountId).toBe(STORAGE_ID);
    });

    test('an imported subnet with its own NSG: the rules go into that NSG, and its logs are its owner\'s', () => {
      const { stack } = adopting((s) => ({ network: importedSubnet(s, { networkSecurityGroupId: NSG_ID }) }));
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => [rule.network_security_group_name, rule.resource_group_name])).toEqual([['nsg-hub', 'rg-hub']]);
      expect(resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map((setting) => setting.name)).toEqual(['batch-diagnostics']);
      // A new storage account is still created, with its blob endpoint in the adopted subnet.
      expect(resourcesOf(json, 'azurerm_storage_account')).toHaveLength(1);
      expect(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint) => endpoint.subnet_id)).toEqual([SUBNET_ID, SUBNET_ID, SUBNET_ID]);
    });

    test('subnets created in an imported VNet: the pools and endpoints use them; no VNet is created', () => {
      const { stack, construct } = adopting((s) => ({
        network: BatchNetwork.fromVirtualNetworkId(s, 'Hub', `${HUB}/virtualNetworks/vnet-hub`, {
          region: westeurope, resourceGroupName: 'rg-hub', poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.8.0/26',
        }),
      }));
      construct.addPool(pool('render'));
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet').map((subnet) => `${subnet.virtual_network_name} ${subnet.address_prefixes}`)).toEqual(['vnet-hub 10.50.8.0/26', 'vnet-hub 10.50.4.0/22']);
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].network_configuration).toMatchObject({ subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Hub_PoolSubnet_/) });
      expect(new Set(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint) => endpoint.subnet_id))).toEqual(new Set([expect.stringMatching(/^\$\{azurerm_subnet\.Hub_EndpointSubnet_/)]));
    });

    test('an imported subnet of known size is checked against the region\'s pools and the endpoints that share it', () => {
      // A /28 holds 11 addresses: 3 endpoints and a pool of 4 (plus 4 for its replacement) fit, 5 do not.
      const fits = adopting((s) => ({ network: importedSubnet(s, { addressPrefix: '10.50.4.0/28' }) }), { pools: [pool('render', 4)] });
      expect(collectProblems(fits.stack)).toEqual([]);
      const full = adopting((s) => ({ network: importedSubnet(s, { addressPrefix: '10.50.4.0/28' }) }), { pools: [pool('render', 5)] });
      expect(collectProblems(full.stack).map((problem) => `${problem.path} ${JSON.stringify(problem.value)} ${problem.message.split(';')[0]}`)).toEqual([
        'addressPrefix "10.50.4.0/28" holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 10 nodes and the 3 private endpoints that share it (every node, plus the largest pool again for a replacement)',
      ]);
    });

    test.each<[string, Partial<BatchRegionProps>, string]>([
      ['addressSpace', { addressSpace: '10.30.0.0/16' }, 'addressSpace "10.30.0.0/16"'],
      ['ruleSet', { ruleSet: NodeCommunicationRuleSet.UNION }, 'ruleSet "union"'],
      ['restrictOutbound', { restrictOutbound: true }, 'restrictOutbound true'],
      ['networkRules', { networkRules: [NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.WestEurope'), Port.tcp(443))] },
        'networkRules ["Allow-Out-AzureContainerRegistry.WestEurope-Tcp-443"]'],
    ])('refuses %s beside an imported network', (_, props, start) => {
      expect(errorOf(() => adopting((s) => ({ network: importedSubnet(s) }), props))).toBe(
        `BatchRegion test/Region: ${start} applies to a new network only; give it to the imported network (BatchNetwork.fromSubnetId or fromVirtualNetworkId) instead`,
      );
    });

    test('refuses every new-network prop at once', () => {
      const stack = newStack();
      const network = importedSubnet(stack);
      expect(errorOf(() => new BatchRegion(stack, 'Region', {
        deploymentName: 'contoso', region: westeurope, network, addressSpace: '10.30.0.0/16', ruleSet: NodeCommunicationRuleSet.CLASSIC, restrictOutbound: false,
      })).split('\n').map((line) => line.slice(0, line.indexOf(' applies')))).toEqual([
        'BatchRegion test/Region: addressSpace "10.30.0.0/16"',
        'BatchRegion test/Region: ruleSet "classic"',
        'BatchRegion test/Region: restrictOutbound false',
      ]);
    });

    test('a region that refuses its own props still reports every pool\'s problems, in one error', () => {
      const lines = errorOf(() => new BatchRegion(newStack(), 'Region', {
        deploymentName: 'contoso', region: westeurope, addressSpace: '10.30.0.0/33', uniqueSuffix: 'Bad-1',
        pools: [
          { name: 'ok', vmSize: 'Standard_D4s_v5' },
          { name: 'bad', vmSize: 'D4s', dataDisks: [{ lun: 0, sizeGb: 8, mountPath: '/etc' }] },
        ],
      })).split('\n');
      expect(lines).toEqual([
        'BatchRegion test/Region: uniqueSuffix "Bad-1" is not a suffix; use 1-8 lowercase letters or digits',
        'BatchRegion test/Region: addressSpace "10.30.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
        expect.stringMatching(/^BatchRegion test\/Region: pools\[1\]\.vmSize "D4s" is not a VM size name/),
        expect.stringMatching(/^BatchRegion test\/Region: pools\[1\]\.dataDisks\[0\]\.mountPath "\/etc" would hide a system directory/),
      ]);
    });

    test.each<[string, Partial<BatchRegionProps>, string]>([
      ['storageNetworkAccess', { storageNetworkAccess: StorageNetworkAccess.PUBLIC }, 'storageNetworkAccess "public"'],
      ['storageReplication', { storageReplication: StorageReplication.LRS }, 'storageReplication "LRS"'],
    ])('refuses %s beside an imported storage account', (_, props, start) => {
      expect(errorOf(() => adopting((s) => ({ storage: importedStorage(s) }), { addressSpace: '10.30.0.0/16', ...props }))).toBe(
        `BatchRegion test/Region: ${start} applies to a new storage account only; an imported one keeps its own settings`,
      );
    });

    test('an imported private storage account behind restrictOutbound warns until its endpoint is allowed on 443', () => {
      const warning = '[STORAGE] the imported auto-storage account is private, and nodes reach it only through its own private endpoint, which restrictOutbound denies: allow that endpoint\'s address on TCP 443 (NetworkRule.allowOutbound(Peer.ipv4(address), Port.tcp(443))), and make sure the VNet resolves the account\'s privatelink.blob name to it';
      const build = (restrictOutbound: boolean, networkAccess: StorageNetworkAccess, allow?: string) => {
        const { stack } = adopting((s) => ({
          network: BatchNetwork.fromSubnetId(s, 'Hub', SUBNET_ID, { region: westeurope, restrictOutbound, addressPrefix: '10.50.4.0/22', rules: allow ? [NetworkRule.allowOutbound(Peer.ipv4(allow), Port.tcp(443))] : [] }),
          storage: PairedStorageAccount.fromStorageAccountId(s, 'Data', STORAGE_ID, { region: westeurope, networkAccess }),
        }));
        Testing.synth(stack, true);
        return warningsOf(stack).filter((line) => line.startsWith('[STORAGE]'));
      };
      expect(build(true, StorageNetworkAccess.PRIVATE)).toEqual([warning]);
      expect(build(true, StorageNetworkAccess.PRIVATE, '10.60.0.4')).toEqual([]);
      expect(build(false, StorageNetworkAccess.PRIVATE)).toEqual([]);
      expect(build(true, StorageNetworkAccess.PUBLIC)).toEqual([]);
    });

    test('deleteLocks beside an imported storage account says the storage gets no lock', () => {
      const { construct } = adopting((s) => ({ storage: importedStorage(s) }), { addressSpace: '10.30.0.0/16', deleteLocks: true });
      expect(warningsOf(construct)).toContain('deleteLocks puts no lock on the imported storage account (only prevent_destroy on the Batch account); lock it where it is managed');
    });

    test('refuses a network or a storage account of another region', () => {
      const westus = (s: TerraformStack) => BatchNetwork.fromSubnetId(s, 'Hub', SUBNET_ID, { region: AzureRegion.of('westus') });
      expect(errorOf(() => adopting((s) => ({ network: westus(s) })))).toBe(
        'BatchRegion test/Region: network "westus" is in another region than "westeurope"; use a network of the region',
      );
      expect(errorOf(() => adopting((s) => ({ storage: importedStorage(s, 'westus') }), { addressSpace: '10.30.0.0/16' }))).toBe(
        'BatchRegion test/Region: storage "westus" is in another region than the account ("westeurope"); auto-storage must be in the same region for acceptable performance (HA guidance)',
      );
    });
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

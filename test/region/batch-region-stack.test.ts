import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { Egress } from '../../lib/network/egress';
import { PoolScale } from '../../lib/pool/pool-scale';
import { BatchRegionStack } from '../../lib/region/batch-region-stack';
import { StateBackend } from '../../lib/state/state-backend';
import { NetworkRule } from '../../lib/network/network-rule';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { collectProblems } from '../../lib/private/problems';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { PairedStorageAccount } from '../../lib/storage/paired-storage-account';
import { errorOf, newApp, resourcesOf, warningsOf } from '../helpers';

describe('BatchRegionStack', () => {
  const props = { deploymentName: 'contoso', region: AzureRegion.of('uksouth'), addressSpace: '10.40.0.0/16' };

  test('holds one region with its own azurerm provider and a relative local backend', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-uksouth', props);
    const json = JSON.parse(Testing.synth(stack, true));
    // Entra ID for storage data-plane calls (shared keys are off), and no data-plane reads the storage
    // firewall would refuse.
    expect(json.provider).toEqual({ azurerm: [{ features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: true, environment: 'public' }] });
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.batch-uksouth.tfstate' } });
    // The version the bindings were generated for (azurerm 4.55.0 for cdktf's, 4.73.0 for cdktn's), pinned exactly.
    const version = stack.provider.terraformGeneratorMetadata?.providerVersion;
    expect(version).toMatch(/^4\.\d+\.\d+$/);
    expect(json.terraform.required_providers.azurerm).toEqual({ source: 'azurerm', version });
    expect(stack.batchRegion.network.region.name).toBe('uksouth');
  });

  test('outputs the account, its endpoint, the storage and the pool ids, pools added later included', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-uksouth', {
      ...props, pools: [{ name: 'render', vmSize: 'Standard_D8s_v5', scale: PoolScale.fixed({ dedicatedNodes: 2 }) }],
    });
    stack.batchRegion.addPool({ name: 'encode', vmSize: 'Standard_D8s_v5', scale: PoolScale.fixed({ dedicatedNodes: 2 }) });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.output).sort()).toEqual(['account_endpoint', 'account_name', 'pool_ids', 'storage_account_id']);
    const pools = resourcesOf(json, 'azurerm_batch_pool');
    expect(json.output.pool_ids.value).toEqual(Object.fromEntries(pools.map((pool) => [pool.display_name, pool.name])));
    expect(Object.keys(json.output.pool_ids.value).sort()).toEqual(['encode', 'render']);
    expect(json.output.account_name.value).toMatch(/^\$\{azurerm_batch_account\.Region_Account_[A-F0-9]+\.name\}$/);
    expect(json.output.account_endpoint.value).toMatch(/^\$\{azurerm_batch_account\.Region_Account_[A-F0-9]+\.account_endpoint\}$/);
    expect(json.output.storage_account_id.value).toMatch(/^\$\{azurerm_storage_account\.Region_Storage_[A-F0-9]+\.id\}$/);
  });

  describe('nat_public_ips: the addresses outside services allow-list', () => {
    const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-batch';
    const outputsOf = (stack: BatchRegionStack) => JSON.parse(Testing.synth(stack, true)).output;
    /** The references to the `ip_address` of every public IP of `json`, in logical-id order. */
    const ipAddresses = (json: any) => Object.keys(json.resource.azurerm_public_ip).map((id) => `\${azurerm_public_ip.${id}.ip_address}`);

    test('a NAT gateway on the new VNet: its public IPs\' addresses, in order', () => {
      const stack = new BatchRegionStack(newApp(), 'batch-uksouth', { ...props, egress: Egress.natGateway({ publicIpCount: 2 }) });
      const json = JSON.parse(Testing.synth(stack, true));
      expect(json.output.nat_public_ips).toEqual({
        value: ipAddresses(json),
        description: 'Static public IPs the nodes leave through (NAT gateway): allow-list these at outside services',
      });
      expect(json.output.nat_public_ips.value).toEqual([
        expect.stringMatching(/^\$\{azurerm_public_ip\.Region_Network_Egress_PublicIp1_[A-F0-9]+\.ip_address\}$/),
        expect.stringMatching(/^\$\{azurerm_public_ip\.Region_Network_Egress_PublicIp2_[A-F0-9]+\.ip_address\}$/),
      ]);
    });

    test('a hub\'s NAT gateway on an imported landing-zone subnet: its one public IP\'s address', () => {
      const stack = new BatchRegionStack(newApp(), 'batch-uksouth', {
        ...props, addressSpace: undefined, landingZone: { subnetId: SUBNET_ID }, egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4', natGateway: {} }),
      });
      const json = JSON.parse(Testing.synth(stack, true));
      expect(json.output.nat_public_ips.value).toEqual(ipAddresses(json));
      expect(json.output.nat_public_ips.value).toHaveLength(1);
    });

    test.each<[string, Egress | undefined]>([
      ['no egress', undefined], ['Egress.defaultOutbound()', Egress.defaultOutbound()], ['a hub without a NAT gateway', Egress.throughHub({ nextHopIpAddress: '10.0.0.4' })],
    ])('absent with %s', (_, egress) => {
      const outputs = outputsOf(new BatchRegionStack(newApp(), 'batch-uksouth', { ...props, egress }));
      expect(outputs).not.toHaveProperty('nat_public_ips');
      expect(Object.keys(outputs).sort()).toEqual(['account_endpoint', 'account_name', 'pool_ids', 'storage_account_id']);
    });
  });

  test('an imported storage account is output as its id', () => {
    const app = newApp();
    const STORAGE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata';
    // The stack builds its region as it is constructed, so the import is made in another scope first.
    const adopting = new BatchRegionStack(app, 'batch-uksouth', {
      ...props, storage: PairedStorageAccount.fromStorageAccountId(app, 'Data', STORAGE_ID, { region: props.region }),
    });
    const json = JSON.parse(Testing.synth(adopting, true));
    expect(json.output.storage_account_id.value).toBe(STORAGE_ID);
    expect(resourcesOf(json, 'azurerm_storage_account')).toEqual([]);
  });

  describe('best-practice checks, registered as a stack validation', () => {
    const app = () => Testing.app({ context: { [TODAY_CONTEXT_KEY]: '2026-11-21' } });
    const single = { ...props, subscriptionId: '00000000-0000-0000-0000-000000000000', pools: [{ name: 'one', vmSize: 'Standard_D2s_v5', scale: PoolScale.fixed({ dedicatedNodes: 1 }) }] };
    const publicBlobs = (stack: BatchRegionStack) => (stack.batchRegion.storage as PairedStorageAccount).resource.addOverride('allow_nested_items_to_be_public', true);

    test('errors come back from collectProblems with their rule id, and stop synth', () => {
      const stack = new BatchRegionStack(app(), 'batch-uksouth', single);
      publicBlobs(stack);
      expect(collectProblems(stack)).toEqual([{
        subject: 'BatchBestPractices', constructPath: 'batch-uksouth/Region/Storage/Resource', ruleId: 'SEC-012', path: '', value: undefined,
        message: 'allow_nested_items_to_be_public is not false: Set allow_nested_items_to_be_public = false.',
      }]);
      expect(errorOf(() => Testing.synth(stack, true))).toContain('BatchBestPractices batch-uksouth/Region/Storage/Resource: [SEC-012] allow_nested_items_to_be_public is not false');
    });

    test('warnings are annotations on the resource, with their rule id', () => {
      const stack = new BatchRegionStack(app(), 'batch-uksouth', single);
      expect(collectProblems(stack)).toEqual([]);
      expect(warningsOf(stack.batchRegion.pools[0])).toEqual([expect.stringMatching(/^\[BATCH-006\] has 1 dedicated node\(s\) outside a standby region: /)]);
    });

    test('bestPractices: false runs none', () => {
      const stack = new BatchRegionStack(app(), 'batch-uksouth', { ...single, bestPractices: false });
      publicBlobs(stack);
      expect(collectProblems(stack)).toEqual([]);
      expect(warningsOf(stack)).toEqual([]);
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test('options for checks that are off are refused, not ignored', () => {
      expect(errorOf(() => new BatchRegionStack(app(), 'batch-uksouth', { ...single, bestPractices: false, bestPracticeOptions: { endOfLifeWarningDays: 30 } }))).toBe(
        'BatchRegionStack batch-uksouth: bestPracticeOptions {"endOfLifeWarningDays":30} sets up checks that bestPractices: false turns off; remove one of them',
      );
    });
  });

  test('takes a subscription and a state path', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-uksouth', { ...props, subscriptionId: '00000000-0000-0000-0000-000000000000', backend: StateBackend.local('state/uksouth.tfstate') });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.provider.azurerm[0].subscription_id).toBe('00000000-0000-0000-0000-000000000000');
    expect(json.terraform.backend.local.path).toBe('state/uksouth.tfstate');
  });

  test('targets the region\'s cloud', () => {
    const gov = new BatchRegionStack(newApp(), 'batch-usgovvirginia', { ...props, region: AzureRegion.of('usgovvirginia') });
    expect(JSON.parse(Testing.synth(gov, true)).provider.azurerm[0].environment).toBe('usgovernment');
    const china = new BatchRegionStack(newApp(), 'batch-chinaeast2', { ...props, region: AzureRegion.of('chinaeast2') });
    const json = JSON.parse(Testing.synth(china, true));
    expect(json.provider.azurerm[0].environment).toBe('china');
    expect(Object.values(json.resource.azurerm_private_dns_zone).map((zone) => (zone as { name: string }).name).sort()).toEqual([
      'privatelink.batch.chinacloudapi.cn', 'privatelink.blob.core.chinacloudapi.cn',
    ]);
  });

  test('an azurerm backend keeps one state key per region stack, with Entra ID auth', () => {
    const backend = StateBackend.azurerm({ resourceGroupName: 'rg-state', storageAccountName: 'ststate01', containerName: 'tfstate', keyPrefix: 'contoso/' });
    const json = JSON.parse(Testing.synth(new BatchRegionStack(newApp(), 'batch-uksouth', { ...props, backend }), true));
    expect(json.terraform.backend).toEqual({
      azurerm: { resource_group_name: 'rg-state', storage_account_name: 'ststate01', container_name: 'tfstate', key: 'contoso/batch-uksouth.tfstate', use_azuread_auth: true, environment: 'public' },
    });
    expect(() => StateBackend.azurerm({ resourceGroupName: 'rg', storageAccountName: 'St-State', containerName: 'tfstate' })).toThrow(
      'StateBackend.azurerm: storageAccountName "St-State" is not a storage account name; use 3-24 lowercase letters and digits',
    );
    expect(() => StateBackend.azurerm({ resourceGroupName: 'rg', storageAccountName: 'ststate', containerName: 'TF' })).toThrow(
      'StateBackend.azurerm: containerName "TF" is not a container name; use 3-63 lowercase letters, digits and single hyphens',
    );
  });

  test('the azurerm backend of a US Government or China stack looks for its state in that cloud', () => {
    const backend = StateBackend.azurerm({ resourceGroupName: 'rg-state', storageAccountName: 'ststate01', containerName: 'tfstate' });
    const environmentOf = (location: string) => JSON.parse(Testing.synth(new BatchRegionStack(newApp(), `batch-${location}`, {
      ...props, region: AzureRegion.of(location), backend,
    }), true)).terraform.backend.azurerm.environment;
    expect(environmentOf('usgovvirginia')).toBe('usgovernment');
    expect(environmentOf('chinanorth3')).toBe('china');
  });

  describe('region stacks share nothing', () => {
    /** An app of two region stacks and a shared stack of the user's, which `link` may tie together. */
    function twoRegions(link: (stacks: { east: BatchRegionStack; west: BatchRegionStack; shared: TerraformStack }) => void): () => void {
      const app = newApp();
      const east = new BatchRegionStack(app, 'batch-eastus', { ...props, region: AzureRegion.of('eastus') });
      const west = new BatchRegionStack(app, 'batch-westus', { ...props, region: AzureRegion.of('westus'), addressSpace: '10.41.0.0/16' });
      const shared = new TerraformStack(app, 'shared');
      new AzurermProvider(shared, 'azurerm', { features: [{}] });
      link({ east, west, shared });
      return () => app.synth();
    }
    const refused = 'BatchRegionStack batch-westus: depends on batch-eastus, another region\'s stack (a reference to its resources, which Terraform reads from its state through terraform_remote_state, or addDependency): region stacks share nothing, so that a region that is down never blocks deploying another; give the value as a literal (an ARM id as text) or create the resource in this stack';

    test('a reference to another region stack\'s resource is refused at synth, where cdktf would read its state', () => {
      const synthesize = twoRegions(({ east, west }) => {
        new TerraformOutput(west, 'east_account', { value: east.batchRegion.account.resource.id });
      });
      expect(errorOf(synthesize)).toContain(refused);
    });

    test('so is a dependency added with addDependency; a stack of the user\'s may be referenced', () => {
      expect(errorOf(twoRegions(({ east, west }) => west.addDependency(east)))).toContain(refused);
      const shared = twoRegions(({ west, shared }) => {
        const group = new ResourceGroup(shared, 'Group', { name: 'rg-shared', location: 'westus' });
        new TerraformOutput(west, 'shared_group', { value: group.id });
      });
      expect(shared).not.toThrow();
    });
  });

  test('names stacks batch-<location>', () => {
    expect(BatchRegionStack.stackName(AzureRegion.of('East US 2'))).toBe('batch-eastus2');
  });

  test('tags, application display names and rule descriptions reach Terraform as literal text, references still resolve', () => {
    const stack = new BatchRegionStack(newApp(), 'batch-eastus', {
      deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', subscriptionId: '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b',
      tags: { owner: '${file("/etc/hostname")}', '${name}': '%{if}' },
      applications: [{ name: 'blender', displayName: 'Blender ${version}' }],
      networkRules: [NetworkRule.allowOutbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(8443), { description: 'license ${server}' })],
    });
    const json = JSON.parse(Testing.synth(stack, true));
    for (const type of ['azurerm_resource_group', 'azurerm_storage_account', 'azurerm_batch_account', 'azurerm_virtual_network', 'azurerm_user_assigned_identity']) {
      expect([type, resourcesOf(json, type)[0].tags]).toEqual([type, expect.objectContaining({ owner: '$${file("/etc/hostname")}', '$${name}': '%%{if}' })]);
    }
    expect(resourcesOf(json, 'azurerm_batch_application')[0].display_name).toBe('Blender $${version}');
    expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.description)).toContain('license $${server}');
    expect(resourcesOf(json, 'azurerm_batch_application')[0].account_name).toMatch(/^\$\{azurerm_batch_account\./);
  });
});

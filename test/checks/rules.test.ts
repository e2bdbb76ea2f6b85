import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { BatchAccount } from '@cdktf/provider-azurerm/lib/batch-account';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermSubnet } from '@cdktf/provider-azurerm/lib/data-azurerm-subnet';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Route } from '@cdktf/provider-azurerm/lib/route';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualHubConnection } from '@cdktf/provider-azurerm/lib/virtual-hub-connection';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork } from '../../lib/network/batch-network';
import { ALL_RULES } from '../../lib/checks/rules';
import { StackView } from '../../lib/checks/stack-view';
import { PoolScale } from '../../lib/pool/pool-scale';
import { PublicIpMode } from '../../lib/pool/simplified-pool';
import { Egress } from '../../lib/network/egress';
import { NetworkRule } from '../../lib/network/network-rule';
import { IPeer, Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { BatchRegionStack, BatchRegionStackProps } from '../../lib/region/batch-region-stack';
import { RegionRole } from '../../lib/region/region-role';
import { PairedStorageAccount, StorageNetworkAccess } from '../../lib/storage/paired-storage-account';
import { collectProblems } from '../../lib/private/problems';
import { TerraformVariable } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import { newStack, warningsOf } from '../helpers';
import { compliantStack, findings, ids, WORK_POOL } from './helpers';

/** The pool, account, storage, network of a compliant stack (all created by the region), for overrides. */
function parts(stack: BatchRegionStack) {
  const region = stack.batchRegion;
  if (!(region.storage instanceof PairedStorageAccount) || !(region.network instanceof BatchNetwork)) throw new Error('the compliant stack creates its storage and network');
  return { pool: region.pools[0].resource, account: region.account, storage: region.storage.resource, network: region.network };
}

/**
 * An outbound rule of {@link rawPool}'s NSG: on port 443 from anywhere unless given; `destination` may be
 * a list, and so may `port`.
 */
interface Outbound {
  readonly name: string;
  readonly access: 'Allow' | 'Deny';
  readonly protocol: string;
  readonly destination: string | string[];
  readonly priority: number;
  readonly port?: string | string[];
  readonly source?: string;
}

/**
 * A stack built by hand with the provider's classes: a simplified pool in East US, in a subnet whose NSG
 * has `rules` only, pulling `images` when given.
 */
function rawPool(rules: readonly Outbound[], images: readonly string[] = [], options: { readonly privateNodeManagement?: boolean } = {}): TerraformStack {
  const stack = newStack();
  const vnet = new VirtualNetwork(stack, 'Vnet', { name: 'vnet', resourceGroupName: 'rg', location: 'eastus', addressSpace: ['10.1.0.0/16'] });
  const subnet = new Subnet(stack, 'Subnet', { name: 'snet', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.1.0.0/24'] });
  const nsg = new NetworkSecurityGroup(stack, 'Nsg', { name: 'nsg', resourceGroupName: 'rg', location: 'eastus' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
  for (const rule of rules) {
    const port = rule.port ?? '443';
    new NetworkSecurityRule(stack, rule.name, {
      name: rule.name, resourceGroupName: 'rg', networkSecurityGroupName: nsg.name, priority: rule.priority, direction: 'Outbound', access: rule.access,
      protocol: rule.protocol, sourcePortRange: '*', sourceAddressPrefix: rule.source ?? '*',
      ...(Array.isArray(port) ? { destinationPortRanges: port } : { destinationPortRange: port }),
      ...(Array.isArray(rule.destination) ? { destinationAddressPrefixes: rule.destination } : { destinationAddressPrefix: rule.destination }),
    });
  }
  const account = new BatchAccount(stack, 'Account', { name: 'batchraw', resourceGroupName: 'rg', location: 'eastus' });
  if (options.privateNodeManagement) {
    new PrivateEndpoint(stack, 'NodeManagement', {
      name: 'pe-nodemanagement', resourceGroupName: 'rg', location: 'eastus', subnetId: subnet.id,
      privateServiceConnection: { name: 'nodemanagement', privateConnectionResourceId: account.id, subresourceNames: ['nodeManagement'], isManualConnection: false },
    });
  }
  new BatchPool(stack, 'Pool', {
    name: 'raw', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_D4s_v5', nodeAgentSkuId: 'batch.node.ubuntu 24.04',
    targetNodeCommunicationMode: 'Simplified', storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' }, fixedScale: { targetDedicatedNodes: 2 },
    ...(images.length > 0 ? { containerConfiguration: { type: 'DockerCompatible', containerImageNames: [...images] } } : {}),
  });
  return stack;
}

/** The NSG of the pool subnet of a stack the library built (the network's `NetworkSecurityGroup`). */
function poolNsg(stack: BatchRegionStack): NetworkSecurityGroup {
  return parts(stack).network.node.findChild('NetworkSecurityGroup') as NetworkSecurityGroup;
}

/** Adds an inbound rule to the NSG of `stack`'s pool subnet: SSH from the Internet, allowed, unless given. */
function sshFromInternet(stack: BatchRegionStack, rule: { readonly name?: string; readonly access?: string; readonly source?: string; readonly destination?: string; readonly priority?: number; readonly sourcePorts?: string; readonly port?: string } = {}): void {
  const nsg = poolNsg(stack);
  new NetworkSecurityRule(stack, `Ssh-${rule.name ?? 'in'}`, {
    name: rule.name ?? 'ssh-in', resourceGroupName: nsg.resourceGroupName, networkSecurityGroupName: nsg.name, priority: rule.priority ?? 300, direction: 'Inbound',
    access: rule.access ?? 'Allow', protocol: 'Tcp', sourcePortRange: rule.sourcePorts ?? '*', destinationPortRange: rule.port ?? '22',
    sourceAddressPrefix: rule.source ?? 'Internet', destinationAddressPrefix: rule.destination ?? '*',
  });
}

describe('best-practice rules', () => {
  test('the library\'s defaults comply with every rule', () => {
    expect(findings(compliantStack())).toEqual([]);
  });

  test('ids are unique, and every rule explains itself', () => {
    expect(new Set(ALL_RULES.map((rule) => rule.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^(BATCH|SEC)-\d{3}$/);
      for (const text of [rule.title, rule.explanation, rule.source, rule.fix]) expect(text.length).toBeGreaterThan(10);
    }
  });

  /** Each case breaks one rule of a compliant stack; the rule must report it (other rules may too). */
  const cases: Array<[string, (stack: BatchRegionStack) => void]> = [
    ['BATCH-001', (s) => parts(s).pool.addOverride('target_node_communication_mode', 'Default')],
    ['BATCH-002', (s) => parts(s).account.resource.addOverride('location', 'westindia')],
    // With the account's nodeManagement private endpoint, the NSG's node-management rules do not apply: it goes too.
    ['BATCH-003', (s) => {
      parts(s).account.privateEndpoints[1].addOverride('private_service_connection.subresource_names', null);
      s.node.findAll().filter((n): n is NetworkSecurityRule => n instanceof NetworkSecurityRule)
        .forEach((rule) => rule.node.id.startsWith('Allow-Out-BatchNodeManagement') && rule.addOverride('protocol', 'Tcp'));
    }],
    ['BATCH-005', (s) => parts(s).pool.addOverride('node_agent_sku_id', 'batch.node.el 9')],
    ['BATCH-006', (s) => parts(s).pool.addOverride('fixed_scale.target_dedicated_nodes', 1)],
    ['BATCH-007', (s) => {
      parts(s).pool.addOverride('container_configuration', { type: 'DockerCompatible' });
      parts(s).network.subnet.addOverride('address_prefixes', ['172.17.0.0/24']);
    }],
    ['BATCH-008', (s) => parts(s).pool.addOverride('start_task.command_line', "/bin/bash -c 'x | bash -s -- 0:/mnt/data:ext4'")],
    ['BATCH-009', (s) => parts(s).pool.addOverride('start_task.wait_for_success', false)],
    ['BATCH-010', (s) => parts(s).storage.addOverride('location', 'westus')],
    ['BATCH-011', (s) => parts(s).account.resource.addOverride('name', 'Batch_Prod')],
    ['BATCH-012', (s) => parts(s).pool.addOverride('fixed_scale.node_deallocation_method', 'Requeue')],
    ['BATCH-013', (s) => parts(s).pool.addOverride('vm_size', 'Standard_NC24ads_A100_v4')],
    ['BATCH-014', (s) => s.batchRegion.account.addApplication({ name: 'blender' })],
    ['BATCH-015', (s) => {
      parts(s).pool.addOverride('vm_size', 'Standard_D4s_v5');
      parts(s).pool.addOverride('container_configuration', { type: 'DockerCompatible', container_image_names: ['contoso.azurecr.io/render:1'] });
    }],
    ['BATCH-017', (s) => parts(s).pool.addOverride('start_task.command_line', "/bin/bash -c 'apt-get install -y jq'")],
    ['BATCH-018', (s) => {
      const { network } = parts(s);
      const table = new RouteTable(s, 'HubTable', { name: 'rt-hub', location: 'eastus', resourceGroupName: network.resource.resourceGroupName, route: [{ name: 'to-hub', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopInIpAddress: '10.0.1.4' }] });
      new SubnetRouteTableAssociation(s, 'HubTableAssociation', { subnetId: network.subnetId, routeTableId: table.id });
    }],
    ['BATCH-019', (s) => parts(s).pool.addOverride('security_profile', { host_encryption_enabled: true, security_type: null, secure_boot_enabled: null, vtpm_enabled: null })],
    ['BATCH-020', (s) => parts(s).pool.addOverride('vm_size', 'Standard_NC6s_v3')],
    ['BATCH-021', (s) => {
      parts(s).account.resource.addOverride('pool_allocation_mode', 'UserSubscription');
      parts(s).pool.addOverride('security_profile', { host_encryption_enabled: true });
    }],
    ['BATCH-022', (s) => {
      const nsg = poolNsg(s);
      new NetworkSecurityGroup(s, 'Twin', { name: nsg.nameInput!.toUpperCase(), location: 'eastus', resourceGroupName: nsg.resourceGroupNameInput! });
    }],
    ['SEC-001', (s) => parts(s).account.resource.addOverride('public_network_access_enabled', true)],
    ['SEC-002', (s) => parts(s).account.resource.addOverride('allowed_authentication_modes', ['AAD', 'SharedKey'])],
    ['SEC-003', (s) => parts(s).account.resource.addOverride('storage_account_authentication_mode', 'StorageKeys')],
    // Overrides merge arrays element by element, so a list is removed with null.
    ['SEC-004', (s) => parts(s).account.privateEndpoints[1].addOverride('private_service_connection.subresource_names', null)],
    ['SEC-005', (s) => s.node.findAll().forEach((n) => n.node.id === 'Diagnostics' && (n as any).addOverride('enabled_log', null))],
    ['SEC-006', (s) => parts(s).pool.addOverride('network_configuration.public_address_provisioning_type', 'BatchManaged')],
    // The subnet's NSG denies the Internet by default: the endpoint is open once a rule there lets SSH in.
    ['SEC-007', (s) => {
      parts(s).pool.addOverride('network_configuration.endpoint_configuration', [{ name: 'ssh', backend_port: 22, frontend_port_range: '50000-50099', protocol: 'TCP' }]);
      sshFromInternet(s);
    }],
    ['SEC-008', (s) => parts(s).pool.addOverride('user_accounts', [{ name: 'ops', password: 'x', elevation_level: 'Admin' }])],
    ['SEC-009', (s) => parts(s).pool.addOverride('certificate', [{ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/certificates/sha1-ab', store_location: 'CurrentUser' }])],
    ['SEC-010', (s) => parts(s).pool.addOverride('disk_encryption', null)],
    ['SEC-011', (s) => parts(s).storage.addOverride('min_tls_version', 'TLS1_0')],
    ['SEC-012', (s) => parts(s).storage.addOverride('allow_nested_items_to_be_public', true)],
    ['SEC-013', (s) => parts(s).storage.addOverride('shared_access_key_enabled', true)],
    ['SEC-014', (s) => parts(s).storage.addOverride('blob_properties.delete_retention_policy', null)],
    ['SEC-015', (s) => parts(s).storage.addOverride('infrastructure_encryption_enabled', false)],
    ['SEC-016', (s) => {
      parts(s).storage.addOverride('public_network_access_enabled', true);
      parts(s).storage.addOverride('network_rules.default_action', 'Allow');
    }],
    ['SEC-017', (s) => new Subnet(s, 'Loose', { name: 'snet-loose', resourceGroupName: 'rg', virtualNetworkName: 'vnet', addressPrefixes: ['10.10.200.0/24'] })],
    ['SEC-018', (s) => new NetworkSecurityRule(s, 'Ssh', {
      name: 'ssh', resourceGroupName: 'rg', networkSecurityGroupName: 'nsg', priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*',
    })],
    ['SEC-019', (s) => new NetworkSecurityRule(s, 'Egress', {
      name: 'egress', resourceGroupName: 'rg', networkSecurityGroupName: 'nsg', priority: 300, direction: 'Outbound', access: 'Allow', protocol: '*',
      sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet',
    })],
  ];

  test('BATCH-022: one type, name (any case) and parent twice is one Azure resource; another parent, another provider or an unknown name is not', () => {
    const stack = newStack();
    const nsg = (id: string, name: string, props: { resourceGroupName?: string; provider?: AzurermProvider } = {}) => new NetworkSecurityGroup(stack, id, { name, location: 'eastus', resourceGroupName: props.resourceGroupName ?? 'rg', provider: props.provider });
    const rule = (id: string, name: string, group: string) => new NetworkSecurityRule(stack, id, {
      name, resourceGroupName: 'rg', networkSecurityGroupName: group, priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*',
      sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*',
    });
    const first = nsg('First', 'nsg-batch');
    nsg('Capitals', 'NSG-Batch');
    nsg('OtherGroup', 'nsg-batch', { resourceGroupName: 'rg-other' });
    nsg('OtherSubscription', 'nsg-batch', { provider: new AzurermProvider(stack, 'other', { features: [{}], alias: 'other', subscriptionId: '11111111-1111-1111-1111-111111111111' }) });
    const variable = new TerraformVariable(stack, 'nsgName', { type: 'string' });
    nsg('Unknown', variable.stringValue);
    nsg('UnknownAgain', variable.stringValue);
    rule('DenyA', 'deny-all', 'nsg-a');
    rule('DenyB', 'deny-all', 'nsg-b');
    rule('DenyAAgain', 'Deny-All', 'nsg-a');
    const reported = findings(stack).filter((finding) => finding.id === 'BATCH-022');
    expect(reported.map((finding) => finding.message)).toEqual([
      `names the Azure resource ${StackView.of(stack).resources.find((r) => r.construct === first)!.address} names too: azurerm_network_security_group "NSG-Batch" in the same parent`,
      'names the Azure resource azurerm_network_security_rule.DenyA names too: azurerm_network_security_rule "Deny-All" in the same parent',
    ]);
  });

  test('BATCH-016: trusted-launch pools on ADE are quiet until the horizon, warned within it, an error after 2028-09-15; encryption at host is quiet', () => {
    const ade = compliantStack();
    const of = (stack: BatchRegionStack, today: string) => findings(stack, today).filter((finding) => finding.id === 'BATCH-016');
    expect(of(ade, '2026-12-01')).toEqual([]);
    expect(of(ade, '2028-06-01')).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('which retires on 2028-09-15, in 106 days') })]);
    expect(of(ade, '2028-09-16')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('which retired on 2028-09-15') })]);
    expect(of(compliantStack({ pools: [{ ...WORK_POOL, encryptionAtHost: true }] }), '2028-09-16')).toEqual([]);
    expect(of(compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_D4s_v6' }] }), '2028-09-16')).toEqual([]);
  });

  test('BATCH-019 warns of the security profile SimplifiedPool writes for encryption at host without trusted launch, and not of one with trusted launch', () => {
    const of = (stack: BatchRegionStack) => findings(stack).filter((finding) => finding.id === 'BATCH-019');
    expect(of(compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_D4s_v6' }] }))).toEqual([]);
    expect(of(compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_D4s_v6', image: PoolImage.UBUNTU_2404_HPC, dataDisks: [] }] }))).toEqual([{
      id: 'BATCH-019', severity: 'warning', address: expect.stringMatching(/^azurerm_batch_pool\./),
      message: 'has a security profile without a security type (encryption at host alone), which the provider sends as securityType "" with UEFI settings off',
    }]);
  });

  test('BATCH-020: a retired series is an error, a retirement within the horizon or a capacity-restricted series a warning, a current one quiet', () => {
    const on = (vmSize: string, today: string, region = 'eastus') => {
      const stack = compliantStack({ region: AzureRegion.of(region), pools: [{ ...WORK_POOL, vmSize }] });
      return findings(stack, today).filter((finding) => finding.id === 'BATCH-020').map((finding) => `${finding.severity}: ${finding.message}`);
    };
    expect(on('Standard_D4s_v5', '2026-12-03')).toEqual([]);
    expect(on('Standard_F4s_v2', '2026-06-30')).toEqual([]);
    expect(on('Standard_F4s_v2', '2026-12-03')).toEqual(['warning: Standard_F4s_v2 is of the Fsv2-series, whose capacity growth Azure restricts since July 2026 (new subscriptions cannot deploy it, more quota is not approved) and which retires on 2028-11-15']);
    expect(on('Standard_F4s_v2', '2028-11-14')).toEqual(['warning: Standard_F4s_v2 is of the Fsv2-series, which Azure retires on 2028-11-15, in 1 day']);
    expect(on('Standard_F4s_v2', '2028-11-16')).toEqual(['error: Standard_F4s_v2 is of the Fsv2-series, which Azure retired on 2028-11-15: it provisions no VMs of it']);
    expect(on('Standard_NV12s_v3', '2026-12-03')).toEqual(['error: Standard_NV12s_v3 is of the NVv3-series, which Azure retired on 2026-09-30: it provisions no VMs of it']);
    // The Dv3, Dsv3, Ev3 and Esv3 retirement is of the public cloud only.
    expect(on('Standard_E8s_v3', '2029-11-16')).toEqual(['error: Standard_E8s_v3 is of the Esv3-series, which Azure retired on 2029-11-15: it provisions no VMs of it']);
    expect(on('Standard_E8s_v3', '2029-11-16', 'usgovvirginia')).toEqual([]);
  });

  test('BATCH-021 warns of encryption at host, which SimplifiedPool turns on for disk encryption on a v6 size, in a user-subscription account only', () => {
    const of = (vmSize: string, mode: string) => {
      const stack = compliantStack({ pools: [{ ...WORK_POOL, vmSize }] });
      parts(stack).account.resource.addOverride('pool_allocation_mode', mode);
      return findings(stack).filter((finding) => finding.id === 'BATCH-021').map((finding) => `${finding.severity}: ${finding.message}`);
    };
    expect(of('Standard_D4s_v6', 'UserSubscription')).toEqual([
      'warning: asks for encryption at host in a UserSubscription account, whose subscription must have the EncryptionAtHost feature registered, and Batch documents encryption at host as not supported on user-subscription pools',
    ]);
    expect(of('Standard_D4s_v6', 'BatchService')).toEqual([]);
    expect(of('Standard_D4s_v5', 'UserSubscription')).toEqual([]);
  });

  test('BATCH-011 also judges the names of NAT gateways, route tables, public IPs and Log Analytics workspaces', () => {
    const stack = compliantStack();
    const location = 'eastus';
    const resourceGroupName = 'rg';
    new NatGateway(stack, 'Gateway', { name: 'ng-contoso.', location, resourceGroupName });
    new RouteTable(stack, 'Table', { name: 'rt-contoso-', location, resourceGroupName });
    new PublicIp(stack, 'Ip', { name: '_pip', location, resourceGroupName, allocationMethod: 'Static' });
    new LogAnalyticsWorkspace(stack, 'Logs', { name: 'log_contoso', location, resourceGroupName });
    expect(findings(stack).filter((finding) => finding.id === 'BATCH-011').map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^name "ng-contoso\." is not a valid NAT gateway name: /),
      expect.stringMatching(/^name "rt-contoso-" is not a valid route table name: /),
      expect.stringMatching(/^name "_pip" is not a valid public IP address name: /),
      expect.stringMatching(/^name "log_contoso" is not a valid Log Analytics workspace name: /),
    ]);
  });

  test('every rule has a non-compliant case', () => {
    expect([...cases.map(([id]) => id), 'BATCH-004', 'BATCH-016'].sort()).toEqual(ALL_RULES.map((rule) => rule.id).sort());
  });

  test.each(cases)('%s reports what breaks it, on resources changed through addOverride or built by hand', (id, breakIt) => {
    const stack = compliantStack();
    expect(ids(stack)).not.toContain(id);
    breakIt(stack);
    expect(ids(stack)).toContain(id);
  });

  test('BATCH-004: quiet far from the end of life, a warning within 180 days, an error after it', () => {
    const old = compliantStack({ pools: [{ ...WORK_POOL, image: PoolImage.UBUNTU_2204 }] });
    const of = (today: string) => findings(old, today).filter((finding) => finding.id === 'BATCH-004');
    expect(of('2026-11-21')).toEqual([]);
    expect(of('2027-03-01')).toEqual([expect.objectContaining({ severity: 'warning', message: 'node agent "batch.node.ubuntu 22.04" loses Batch support on 2027-06-30, in 121 days' })]);
    expect(of('2027-06-29')).toEqual([expect.objectContaining({ severity: 'warning', message: 'node agent "batch.node.ubuntu 22.04" loses Batch support on 2027-06-30, in 1 day' })]);
    expect(of('2027-06-30')).toEqual([expect.objectContaining({ severity: 'warning', message: 'node agent "batch.node.ubuntu 22.04" loses Batch support on 2027-06-30, today' })]);
    expect(of('2027-07-01')).toEqual([expect.objectContaining({ severity: 'error', message: 'node agent "batch.node.ubuntu 22.04" lost Batch support on 2027-06-30' })]);
  });

  test('exact messages name the resource and the problem', () => {
    const stack = compliantStack({ ruleSet: undefined });
    parts(stack).storage.addOverride('min_tls_version', 'TLS1_1');
    expect(findings(stack)).toEqual([{
      id: 'SEC-011', severity: 'error', address: expect.stringMatching(/^azurerm_storage_account\.Region_Storage_[A-F0-9]+$/), message: 'min_tls_version is "TLS1_1"',
    }]);
    // A SimplifiedPool behind the classic rule set reports it itself; BATCH-003 does not repeat it.
    const classic = compliantStack({ ruleSet: 'classic' as never });
    expect(findings(classic)).toEqual([]);
    expect(collectProblems(classic).map((problem) => [problem.path, problem.value])).toEqual([['pools[0].network', 'classic']]);
  });

  describe('BATCH-003 decides TCP and UDP as Azure does, its default rules last', () => {
    /** What BATCH-003 reports on a simplified pool built by hand, in a subnet whose NSG has `rules` only. */
    const reported = (rules: readonly Outbound[]): string[] => findings(rawPool(rules)).filter((finding) => finding.id === 'BATCH-003').map((finding) => finding.message);

    const CLASSIC_TCP: Outbound = { name: 'classic-batch', access: 'Allow', protocol: 'Tcp', destination: 'BatchNodeManagement.EastUS', priority: 100 };
    const denied = (rules: string) => `its subnet's NSG nsg does not let nodes reach BatchNodeManagement.EastUS on 443 over any protocol: ${rules}`;

    test('an NSG with no rule for the traffic leaves it to Azure\'s default rules (AllowInternetOutBound), which let nodes out', () => {
      expect(reported([])).toEqual([]);
      expect(reported([{ name: 'allow-vnet', access: 'Allow', protocol: '*', destination: 'VirtualNetwork', priority: 100, port: '*' }])).toEqual([]);
    });

    test('the classic TCP rule alone disagrees with the mode (DESIGN), though the default rules carry UDP; with an Any rule it is fine', () => {
      expect(reported([CLASSIC_TCP])).toEqual([
        'its subnet\'s NSG nsg allows BatchNodeManagement.EastUS on 443 over TCP only (rule classic-batch, as the classic rule set does); UDP is left to Azure\'s default rules, which a deny to the Internet ends',
      ]);
      expect(reported([CLASSIC_TCP, { name: 'simplified', access: 'Allow', protocol: '*', destination: 'BatchNodeManagement.EastUS', priority: 110 }])).toEqual([]);
      // A generic HTTPS allow is no classic rule set: UDP is left to the default rules, as with no rule.
      expect(reported([{ name: 'https-out', access: 'Allow', protocol: 'Tcp', destination: 'Internet', priority: 100 }])).toEqual([]);
    });

    test('a deny after the classic TCP rule leaves UDP denied; before it, both', () => {
      expect(reported([CLASSIC_TCP, { name: 'deny-internet', access: 'Deny', protocol: '*', destination: 'Internet', priority: 4000 }]))
        .toEqual([denied('rule deny-internet (priority 4000) denies Udp')]);
      expect(reported([CLASSIC_TCP, { name: 'deny-all', access: 'Deny', protocol: '*', destination: '*', priority: 90 }]))
        .toEqual([denied('rule deny-all (priority 90) denies Tcp, rule deny-all (priority 90) denies Udp')]);
    });

    test('a deny covers the tag by its cloud-wide name, AzureCloud or any address, in any case; not by another tag, port or protocol', () => {
      for (const destination of ['BatchNodeManagement', 'azurecloud', '0.0.0.0/0', 'batchnodemanagement.eastus']) {
        expect([destination, reported([{ name: 'deny', access: 'Deny', protocol: 'Udp', destination, priority: 200 }])]).toEqual([destination, [denied('rule deny (priority 200) denies Udp')]]);
      }
      expect(reported([{ name: 'deny', access: 'Deny', protocol: 'udp', destination: 'Internet', priority: 200, port: '400-500' }])).toEqual([denied('rule deny (priority 200) denies Udp')]);
      expect(reported([
        { name: 'other-tag', access: 'Deny', protocol: '*', destination: 'Storage.EastUS', priority: 200 },
        { name: 'other-port', access: 'Deny', protocol: '*', destination: 'Internet', priority: 210, port: '80' },
        { name: 'icmp', access: 'Deny', protocol: 'Icmp', destination: 'Internet', priority: 220, port: '*' },
      ])).toEqual([]);
    });
  });

  describe('BATCH-003 judges only what the stack shows, for the traffic the nodes send', () => {
    const DENY_ALL: Outbound = { name: 'deny-all', access: 'Deny', protocol: '*', destination: '*', priority: 4000, port: '*' };
    const batch003 = (stack: TerraformStack) => findings(stack).filter((finding) => finding.id === 'BATCH-003').map((finding) => finding.message);

    test('no NSG rule applies to a pool without public IPs whose account has a nodeManagement private endpoint', () => {
      expect(batch003(rawPool([DENY_ALL]))).toHaveLength(1);
      expect(batch003(rawPool([DENY_ALL], [], { privateNodeManagement: true }))).toEqual([]);
    });

    test('AzureCloud of the tag\'s region covers it; a rule for other sources than the subnet does not apply', () => {
      expect(batch003(rawPool([{ name: 'azure-east', access: 'Allow', protocol: '*', destination: 'AzureCloud.EastUS', priority: 200 }, DENY_ALL]))).toEqual([]);
      expect(batch003(rawPool([{ name: 'azure-west', access: 'Allow', protocol: '*', destination: 'AzureCloud.WestUS', priority: 200 }, DENY_ALL]))).toHaveLength(1);
      // The pool subnet is 10.1.0.0/24.
      expect(batch003(rawPool([{ ...DENY_ALL, source: '10.9.0.0/24' }]))).toEqual([]);
      expect(batch003(rawPool([{ ...DENY_ALL, source: '10.1.0.0/16' }]))).toHaveLength(1);
      // Part of the subnet: the stack does not show which nodes it holds.
      expect(batch003(rawPool([{ ...DENY_ALL, source: '10.1.0.128/25' }]))).toEqual([]);
    });

    test('port and destination lists count; a rule with a Terraform expression that comes first leaves it unjudged', () => {
      expect(batch003(rawPool([{ name: 'deny-lists', access: 'Deny', protocol: '*', destination: ['Storage', 'Internet'], priority: 200, port: ['80', '400-500'] }]))).toHaveLength(1);
      const unknown = rawPool([DENY_ALL]);
      new NetworkSecurityRule(unknown, 'Unknown', {
        name: 'unknown', resourceGroupName: 'rg', networkSecurityGroupName: 'nsg', priority: new TerraformVariable(unknown, 'priority', { type: 'number' }).numberValue,
        direction: 'Outbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefix: 'BatchNodeManagement.EastUS',
      });
      expect(batch003(unknown)).toEqual([]);
    });
  });

  describe('BATCH-017 reads the NSG for package managers', () => {
    /** BATCH-017's messages on a compliant stack leaving through a NAT gateway, its pool running `command`. */
    function reported(command: string, overrides: Partial<BatchRegionStackProps> = {}): string[] {
      const stack = compliantStack({ egress: Egress.natGateway(), restrictOutbound: true, pools: [{ ...WORK_POOL, startTaskCommands: [command] }], ...overrides });
      return findings(stack).filter((finding) => finding.id === 'BATCH-017').map((finding) => finding.message);
    }

    test('restrictOutbound\'s deny stops apt-get, though the NAT gateway would carry it', () => {
      expect(reported('apt-get install -y jq')).toEqual([
        expect.stringMatching(/^start task runs apt-get, but the NSG \S+ on its subnet denies TCP 80 and 443 to the Internet first \(Deny-Out-All \(priority 4096\)\), so NAT gateway carries none of it$/),
      ]);
      expect(reported('git clone https://github.com/contoso/tools')).toHaveLength(1);
    });

    test('quiet without restrictOutbound (Azure\'s default rules allow the Internet), for downloads whose destination may be Azure, and when the Internet or a public range is allowed first', () => {
      expect(reported('apt-get install -y jq', { restrictOutbound: false })).toEqual([]);
      expect(reported('curl -fsS https://contoso.blob.core.windows.net/tools/setup.sh | bash')).toEqual([]);
      const allow = (peer: IPeer) => [NetworkRule.allowOutbound(peer, Port.tcp(80)), NetworkRule.allowOutbound(peer, Port.tcp(443))];
      expect(reported('apt-get install -y jq', { networkRules: allow(Peer.anyAddress()) })).toEqual([]);
      expect(reported('apt-get install -y jq', { networkRules: allow(Peer.ipv4('52.239.0.0/16')) })).toEqual([]);
      // A documentation range (RFC 5737) is no host on the Internet either.
      expect(reported('apt-get install -y jq', { networkRules: allow(Peer.ipv4('203.0.113.0/24')) })).toHaveLength(1);
      // Every command is read: a download before the package manager does not hide it.
      expect(reported('curl -fsS https://contoso.blob.core.windows.net/tools/setup.sh -o /tmp/setup.sh && apt-get install -y jq')).toHaveLength(1);
      // A private range stays in the network: it is no mirror on the Internet; nor is VirtualNetwork without a route table.
      expect(reported('apt-get install -y jq', { networkRules: allow(Peer.ipv4('10.99.0.0/16')) })).toHaveLength(1);
      expect(reported('apt-get install -y jq', { networkRules: allow(ServiceTag.VIRTUAL_NETWORK) })).toHaveLength(1);
    });
  });

  // Learn "Create a formula to automatically scale compute nodes": comments are allowed, and without
  // $NodeDeallocationOption Batch requeues running tasks (its default).
  test('BATCH-012 reads the formula\'s last $NodeDeallocationOption, comments left out', () => {
    const of = (formula: string) => {
      const stack = compliantStack({ pools: [{ ...WORK_POOL, scale: PoolScale.autoscale({ formula: `$TargetDedicatedNodes = 2;\n${formula}`, maxNodes: 2 }) }] });
      return findings(stack).filter((finding) => finding.id === 'BATCH-012').length;
    };
    expect(of('$NodeDeallocationOption = taskcompletion;')).toBe(0);
    expect(of('$NodeDeallocationOption = TaskCompletion')).toBe(0);
    expect(of('$NodeDeallocationOption = retaineddata; // let tasks finish')).toBe(0);
    expect(of('// $NodeDeallocationOption = taskcompletion;')).toBe(1);
    expect(of('$NodeDeallocationOption = taskcompletion;\n$NodeDeallocationOption = requeue;')).toBe(1);
    expect(of('$x = 1;')).toBe(1);
  });

  // Learn "Virtual network traffic routing", "User-defined": a VirtualAppliance next hop needs direct
  // connectivity; without it the route is an invalid configuration.
  describe('BATCH-018: a route to a firewall the VNet cannot reach', () => {
    const HUB_FIREWALL = '10.0.1.4';
    const throughHub = (nextHopIpAddress = HUB_FIREWALL) => compliantStack({ egress: Egress.throughHub({ nextHopIpAddress }) });
    const reported = (stack: BatchRegionStack) => findings(stack).filter((finding) => finding.id === 'BATCH-018').map((finding) => `${finding.severity}: ${finding.message}`);

    test('a default route to a hub address, from a VNet the stack peers with nothing, is a warning naming route, address and VNet', () => {
      expect(reported(throughHub())).toEqual([
        expect.stringMatching(/^warning: route udr-default-to-hub of route table rt-\S+ sends 0\.0\.0\.0\/0 to 10\.0\.1\.4, outside VNet vnet-contoso-eastus \(10\.10\.0\.0\/16\), and the stack neither peers that VNet nor connects it to a virtual hub$/),
      ]);
    });

    test('quiet once the stack peers the VNet from either side, connects it to a virtual hub, or the next hop is in the VNet', () => {
      const hub = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
      const spokeSide = throughHub();
      const vnet = parts(spokeSide).network.resource;
      new VirtualNetworkPeering(spokeSide, 'ToHub', { name: 'to-hub', resourceGroupName: vnet.resourceGroupName, virtualNetworkName: vnet.name, remoteVirtualNetworkId: hub });
      expect(reported(spokeSide)).toEqual([]);
      const hubSide = throughHub();
      new VirtualNetworkPeering(hubSide, 'FromHub', { name: 'from-hub', resourceGroupName: 'rg-hub', virtualNetworkName: 'vnet-hub', remoteVirtualNetworkId: parts(hubSide).network.resource.id });
      expect(reported(hubSide)).toEqual([]);
      const virtualWan = throughHub();
      new VirtualHubConnection(virtualWan, 'Hub', { name: 'spoke', virtualHubId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualHubs/vhub', remoteVirtualNetworkId: parts(virtualWan).network.resource.id });
      expect(reported(virtualWan)).toEqual([]);
      expect(reported(throughHub('10.10.250.4'))).toEqual([]);
    });

    test('a dual-stack VNet, a peering that allows no VNet access, and two pools behind one route: one finding each time', () => {
      const dualStack = throughHub();
      parts(dualStack).network.resource.addOverride('address_space', ['10.10.0.0/16', 'fd00:db8::/48']);
      expect(reported(dualStack)).toHaveLength(1);
      const closed = throughHub();
      const vnet = parts(closed).network.resource;
      new VirtualNetworkPeering(closed, 'ToHub', { name: 'to-hub', resourceGroupName: vnet.resourceGroupName, virtualNetworkName: vnet.name, remoteVirtualNetworkId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub', allowVirtualNetworkAccess: false });
      expect(reported(closed)).toHaveLength(1);
      const twoPools = compliantStack({ egress: Egress.throughHub({ nextHopIpAddress: HUB_FIREWALL }), pools: [WORK_POOL, { ...WORK_POOL, name: 'other' }] });
      expect(reported(twoPools)).toHaveLength(1);
    });

    test('a route is its table\'s only in the table\'s resource group', () => {
      const stack = compliantStack({ egress: Egress.natGateway() });
      const { network } = parts(stack);
      const table = new RouteTable(stack, 'Table', { name: 'rt', location: 'eastus', resourceGroupName: 'rg-routes' });
      new SubnetRouteTableAssociation(stack, 'TableAssociation', { subnetId: network.subnetId, routeTableId: table.id });
      new RouteTable(stack, 'OtherTable', { name: 'rt', location: 'eastus', resourceGroupName: 'rg-other' });
      new Route(stack, 'OtherRoute', { name: 'elsewhere', resourceGroupName: 'rg-other', routeTableName: 'rt', addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopInIpAddress: '10.99.0.4' });
      expect(reported(stack)).toEqual([]);
      new Route(stack, 'OwnRoute', { name: 'own', resourceGroupName: 'rg-routes', routeTableName: 'rt', addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopInIpAddress: '10.99.0.4' });
      expect(reported(stack)).toEqual([expect.stringContaining('route own of route table rt sends 192.168.0.0/16 to 10.99.0.4')]);
    });

    test('quiet for the hub\'s own route table (not in the stack) and for the library\'s defaults', () => {
      const table = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-hub';
      expect(reported(compliantStack({ egress: Egress.throughHub({ routeTableId: table }) }))).toEqual([]);
      expect(reported(compliantStack({ egress: Egress.natGateway() }))).toEqual([]);
    });
  });

  describe('BATCH-015 reads the NSG when the subnet has a way out', () => {
    /** BATCH-015's messages on a compliant stack leaving through a NAT gateway with a container pool pulling `images`. */
    function reported(images: string[], overrides: Partial<BatchRegionStackProps> = {}): string[] {
      const stack = compliantStack({
        egress: Egress.natGateway(), restrictOutbound: true, ...overrides,
        pools: [{ ...WORK_POOL, dataDisks: undefined, image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: images } }],
      });
      return findings(stack).filter((finding) => finding.id === 'BATCH-015').map((finding) => finding.message);
    }

    test('quiet when the library allows the registry\'s tags (restrictOutbound), or Azure\'s default rules do', () => {
      expect(reported(['contoso.azurecr.io/render:1', 'mcr.microsoft.com/azurelinux/base/core:3.0'])).toEqual([]);
      expect(reported(['docker.io/library/ubuntu:24.04'], { restrictOutbound: false })).toEqual([]);
    });

    test('a deny ahead of the library\'s allows is reported, registry by registry, naming the tag and the rule', () => {
      const denyAcr = NetworkRule.denyOutbound(ServiceTag.of('AzureContainerRegistry'), Port.tcp(443), { name: 'Deny-Acr', priority: 200 });
      expect(reported(['contoso.azurecr.io/render:1', 'mcr.microsoft.com/azurelinux/base/core:3.0'], { networkRules: [denyAcr] })).toEqual([
        expect.stringMatching(/^pulls images at node start, but the NSG \S+ on its subnet denies TCP 443 first to what its registries need, so NAT gateway carries none of it: contoso\.azurecr\.io: AzureContainerRegistry\.EastUS \(Deny-Acr, priority 200\)$/),
      ]);
    });

    test('a registry no tag covers is left to the library\'s own warning under restrictOutbound', () => {
      expect(reported(['docker.io/library/ubuntu:24.04'])).toEqual([]);
      const stack = compliantStack({ egress: Egress.natGateway(), restrictOutbound: true, pools: [{ ...WORK_POOL, dataDisks: undefined, image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['docker.io/library/ubuntu:24.04'] } }] });
      expect(warningsOf(stack)).toContainEqual(expect.stringMatching(/^\[EGRESS\] restrictOutbound denies docker\.io, which the pool pulls from/));
    });

    test('built by hand: a registry no tag covers needs the Internet, and an allow to a registry\'s tag in any region counts', () => {
      const denyAll: Outbound = { name: 'deny-all', access: 'Deny', protocol: '*', destination: '*', priority: 4000, port: '*' };
      const raw = (rules: readonly Outbound[], images: string[]) => findings(rawPool([...rules, denyAll], images)).filter((finding) => finding.id === 'BATCH-015').map((finding) => finding.message);
      expect(raw([], ['docker.io/library/ubuntu:24.04'])).toEqual([
        'pulls images at node start, but the NSG nsg on its subnet denies TCP 443 first to what its registries need, so default outbound access carries none of it: docker.io: Internet (deny-all, priority 4000)',
      ]);
      const acrWest: Outbound = { name: 'acr-west', access: 'Allow', protocol: 'Tcp', destination: 'AzureContainerRegistry.WestUS', priority: 200 };
      expect(raw([acrWest], ['contoso.azurecr.io/render:1'])).toEqual([
        'pulls images at node start, but the NSG nsg on its subnet denies TCP 443 first to what its registries need, so default outbound access carries none of it: contoso.azurecr.io: Storage.EastUS (deny-all, priority 4000)',
      ]);
      expect(raw([acrWest, { name: 'storage', access: 'Allow', protocol: 'Tcp', destination: 'Storage', priority: 210 }], ['contoso.azurecr.io/render:1'])).toEqual([]);
      // Another tag of the same service is no region of it: Front Door's Frontend does not carry FirstParty.
      expect(raw([
        { name: 'mcr', access: 'Allow', protocol: 'Tcp', destination: 'MicrosoftContainerRegistry', priority: 200 },
        { name: 'afd-frontend', access: 'Allow', protocol: 'Tcp', destination: 'AzureFrontDoor.Frontend', priority: 210 },
      ], ['mcr.microsoft.com/azurelinux/base/core:3.0'])).toEqual([
        'pulls images at node start, but the NSG nsg on its subnet denies TCP 443 first to what its registries need, so default outbound access carries none of it: mcr.microsoft.com: AzureFrontDoor.FirstParty (deny-all, priority 4000)',
      ]);
    });
  });

  test('SEC-011 takes the provider\'s defaults for what is unset: HTTPS only and TLS 1.2', () => {
    const stack = newStack();
    new StorageAccount(stack, 'Storage', { name: 'stdefaults', resourceGroupName: 'rg', location: 'eastus', accountTier: 'Standard', accountReplicationType: 'LRS' });
    expect(StackView.of(stack).ofType('azurerm_storage_account').map((storage) => [storage.attributes.min_tls_version, storage.attributes.https_traffic_only_enabled])).toEqual([[undefined, undefined]]);
    expect(ids(stack)).not.toContain('SEC-011');
  });

  describe('SEC-017 and SEC-018 on networks built by hand', () => {
    /** A VNet whose subnet `name` has an NSG (through `subnetId`, its own id unless given) allowing `port` (HTTPS unless given) in from `source`. */
    function network(name: string, source: string, subnetId?: (stack: TerraformStack) => string, port = '443'): string[] {
      const stack = newStack();
      const vnet = new VirtualNetwork(stack, 'Vnet', { name: 'vnet', resourceGroupName: 'rg', location: 'eastus', addressSpace: ['10.1.0.0/16'] });
      const subnet = new Subnet(stack, 'Subnet', { name, resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.1.0.0/26'] });
      const nsg = new NetworkSecurityGroup(stack, 'Nsg', { name: 'nsg', resourceGroupName: 'rg', location: 'eastus' });
      new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnetId?.(stack) ?? subnet.id, networkSecurityGroupId: nsg.id });
      new NetworkSecurityRule(stack, 'HttpsIn', {
        name: 'https-in', resourceGroupName: 'rg', networkSecurityGroupName: nsg.name, priority: 120, direction: 'Inbound', access: 'Allow',
        protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: port, sourceAddressPrefix: source, destinationAddressPrefix: '*',
      });
      return findings(stack).filter((finding) => finding.id === 'SEC-017' || finding.id === 'SEC-018').map((finding) => `${finding.id} ${finding.message}`);
    }

    test('SEC-018: Azure Bastion\'s NSG takes HTTPS from the Internet; any other does not, in any letter case', () => {
      expect(network('AzureBastionSubnet', 'Internet')).toEqual([]);
      expect(network('AzureBastionSubnet', 'Internet', undefined, '22')).toEqual(['SEC-018 rule https-in allows inbound traffic from the Internet']);
      // Bastion's subnet named by a literal id (an existing one); the stack's own subnet then has no NSG (SEC-017).
      expect(network('snet-jump', 'Internet', () => '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/AzureBastionSubnet'))
        .toEqual(['SEC-017 subnet snet-jump has no NSG association']);
      // Subnets Azure reserves are exempt from SEC-017 in any letter case.
      expect(network('gatewaysubnet', '10.0.0.0/8', () => '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/other')).toEqual([]);
      expect(network('snet-jump', 'Internet')).toEqual(['SEC-018 rule https-in allows inbound traffic from the Internet']);
      expect(network('snet-jump', 'internet')).toEqual(['SEC-018 rule https-in allows inbound traffic from the Internet']);
    });

    test('SEC-017: an association whose subnet the stack does not show may be any subnet\'s, so none is judged', () => {
      const unknown = (stack: TerraformStack) => new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue;
      expect(network('snet-jump', '10.0.0.0/8', unknown)).toEqual([]);
      expect(network('snet-jump', '10.0.0.0/8', () => '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/other'))
        .toEqual(['SEC-017 subnet snet-jump has no NSG association']);
      // A data source's subnet exists already: it is none of the stack's.
      const existing = (stack: TerraformStack) => new DataAzurermSubnet(stack, 'Existing', { name: 'snet-old', resourceGroupName: 'rg', virtualNetworkName: 'vnet-old' }).id;
      expect(network('snet-jump', '10.0.0.0/8', existing)).toEqual(['SEC-017 subnet snet-jump has no NSG association']);
    });
  });

  test('BATCH-001, BATCH-005 and BATCH-016 leave a value the stack does not show (a Terraform variable) unjudged', () => {
    const stack = compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_D4s_v5' }] });
    const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    const { pool } = parts(stack);
    pool.addOverride('target_node_communication_mode', variable('mode'));
    pool.addOverride('node_agent_sku_id', variable('agent'));
    pool.addOverride('disk_encryption', [{ disk_encryption_target: 'TemporaryDisk' }]);
    pool.addOverride('security_profile', { host_encryption_enabled: variable('host'), security_type: 'trustedLaunch', secure_boot_enabled: true, vtpm_enabled: true });
    expect(ids(stack, '2028-09-16').filter((id) => ['BATCH-001', 'BATCH-005', 'BATCH-016'].includes(id))).toEqual([]);
  });

  test('BATCH-004 also reads the image\'s own end of support: Windows Server images retire ahead of their node agent', () => {
    const windows = (sku: string) => {
      const stack = rawPool([]);
      const pool = stack.node.findChild('Pool') as BatchPool;
      pool.addOverride('node_agent_sku_id', 'batch.node.windows amd64');
      pool.addOverride('storage_image_reference', { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku, version: 'latest' });
      return (today: string) => findings(stack, today).filter((finding) => finding.id === 'BATCH-004').map((finding) => `${finding.severity}: ${finding.message}`);
    };
    expect(windows('2016-datacenter-smalldisk')('2026-11-21')).toEqual(['warning: image MicrosoftWindowsServer:WindowsServer:2016-datacenter-smalldisk loses Batch support on 2027-01-12, in 52 days']);
    expect(windows('2016-Datacenter')('2027-01-13')).toEqual(['error: image MicrosoftWindowsServer:WindowsServer:2016-Datacenter lost Batch support on 2027-01-12']);
    expect(windows('2012-R2-Datacenter')('2026-11-21')).toEqual(['error: image MicrosoftWindowsServer:WindowsServer:2012-R2-Datacenter lost Batch support on 2024-12-05']);
    expect(windows('2022-datacenter')('2026-11-21')).toEqual([]);
    expect(windows('2016-datacenter-with-containers')('2026-11-21')).toEqual(['error: image MicrosoftWindowsServer:WindowsServer:2016-datacenter-with-containers lost Batch support on 2023-04-30']);
  });

  test('locations taken from a resource group count (BATCH-002, BATCH-010); a VNet is looked up in its subnet\'s resource group (BATCH-007)', () => {
    const stack = newStack();
    const india = new ResourceGroup(stack, 'India', { name: 'rg-india', location: 'westindia' });
    const east = new ResourceGroup(stack, 'East', { name: 'rg-east', location: 'eastus' });
    const storage = new StorageAccount(stack, 'Storage', { name: 'stwest', resourceGroupName: 'rg-west', location: 'westus', accountTier: 'Standard', accountReplicationType: 'LRS' });
    const account = new BatchAccount(stack, 'Account', { name: 'batchindia', resourceGroupName: india.name, location: india.location, storageAccountId: storage.id, storageAccountAuthenticationMode: 'BatchAccountManagedIdentity' });
    new BatchAccount(stack, 'EastAccount', { name: 'batcheast', resourceGroupName: east.name, location: east.location, storageAccountId: storage.id, storageAccountAuthenticationMode: 'BatchAccountManagedIdentity' });
    // Two VNets called vnet: the pool's, off Docker's bridge, and another group's on it.
    for (const [group, space] of [['rg-other', '172.17.0.0/16'], ['rg-india', '10.1.0.0/16']]) {
      new VirtualNetwork(stack, `Vnet-${group}`, { name: 'vnet', resourceGroupName: group, location: 'westindia', addressSpace: [space] });
    }
    const subnet = new Subnet(stack, 'Subnet', { name: 'snet', resourceGroupName: 'rg-india', virtualNetworkName: 'vnet', addressPrefixes: ['10.1.0.0/24'] });
    new BatchPool(stack, 'Pool', {
      name: 'raw', accountName: account.name, resourceGroupName: india.name, vmSize: 'Standard_D4s_v5', nodeAgentSkuId: 'batch.node.ubuntu 24.04',
      targetNodeCommunicationMode: 'Simplified', storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' }, fixedScale: { targetDedicatedNodes: 2 },
      containerConfiguration: { type: 'DockerCompatible', containerImageNames: ['mcr.microsoft.com/azurelinux/base/core:3.0'] },
    });
    const reported = findings(stack).filter((finding) => ['BATCH-002', 'BATCH-007', 'BATCH-010'].includes(finding.id)).map((finding) => `${finding.id} ${finding.message}`);
    expect(reported.sort()).toEqual([
      'BATCH-002 its Batch account is in westindia, which has no simplified node communication',
      'BATCH-010 is in eastus but its auto-storage stwest is in westus',
      'BATCH-010 is in westindia but its auto-storage stwest is in westus',
    ]);
  });

  test('SEC-007: an endpoint without an allow-list stays closed while the NSG on the pool\'s subnet denies the Internet, as its default rules do', () => {
    const stack = compliantStack();
    parts(stack).pool.addOverride('network_configuration.endpoint_configuration', [{ name: 'ssh', backend_port: 22, frontend_port_range: '50000-50099', protocol: 'TCP' }]);
    expect(ids(stack)).not.toContain('SEC-007');
    sshFromInternet(stack);
    expect(findings(stack).filter((finding) => finding.id === 'SEC-007').map((finding) => finding.message)).toEqual(['endpoint ssh (port 22) accepts traffic from the Internet']);
  });

  describe('SEC-007 counts the subnet\'s NSG only when it provably closes the port', () => {
    /** Whether SEC-007 reports the SSH endpoint of a compliant stack (with `overrides`) after `change`. */
    function open(change: (stack: BatchRegionStack) => void, overrides: Partial<BatchRegionStackProps> = {}): boolean {
      const stack = compliantStack(overrides);
      parts(stack).pool.addOverride('network_configuration.endpoint_configuration', [{ name: 'ssh', backend_port: 22, frontend_port_range: '50000-50099', protocol: 'TCP' }]);
      change(stack);
      return ids(stack).includes('SEC-007');
    }

    test('a deny that is not for the subnet, or for some source ports only, closes nothing', () => {
      // Internet as a destination is outside the VNet: not the subnet the endpoint is in.
      expect(open((stack) => {
        sshFromInternet(stack, { name: 'deny-to-internet', access: 'Deny', source: '*', destination: 'Internet', priority: 100 });
        sshFromInternet(stack, { name: 'allow-any', source: '*', priority: 200 });
      })).toBe(true);
      expect(open((stack) => sshFromInternet(stack, { name: 'deny-high-ports', access: 'Deny', source: '*', sourcePorts: '1024-65535', priority: 100 }))).toBe(true);
    });

    test('an allow-list before the default deny keeps it closed, and behind a route table the default rules prove nothing', () => {
      expect(open((stack) => sshFromInternet(stack, { name: 'admins', source: '52.239.10.5/32', priority: 200 }))).toBe(false);
      // A rule on other ports decides nothing here, whatever its source ports.
      expect(open((stack) => sshFromInternet(stack, { name: 'other', access: 'Allow', source: '*', sourcePorts: '1024-65535', priority: 100, port: '8080' }))).toBe(false);
      expect(open(() => undefined, { egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4' }) })).toBe(true);
      // Nor does an allow of the NSG's own from VirtualNetwork before its deny, there.
      expect(open((stack) => {
        sshFromInternet(stack, { name: 'from-vnet', source: 'VirtualNetwork', priority: 90 });
        sshFromInternet(stack, { name: 'deny-ssh', access: 'Deny', source: '*', priority: 100 });
      }, { egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4' }) })).toBe(true);
      // A deny of the NSG's own still closes it there.
      expect(open((stack) => sshFromInternet(stack, { name: 'deny-ssh', access: 'Deny', source: '*', priority: 100 }), { egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4' }) })).toBe(false);
    });
  });

  describe('NSG rules as the provider writes them, and values an override can leave', () => {
    const DENY_ALL: Outbound = { name: 'deny-all', access: 'Deny', protocol: '*', destination: '*', priority: 4000, port: '*' };
    const only = (stack: TerraformStack, id: string) => findings(stack).filter((finding) => finding.id === id).map((finding) => finding.message);

    test('an unset single value given as \'\' beside a list counts as unset', () => {
      const stack = rawPool([]);
      // An inline rule in the provider's shape: every attribute given, the unused single values as ''.
      (stack.node.findChild('Nsg') as NetworkSecurityGroup).addOverride('security_rule', [{
        name: 'batch-out', priority: 100, direction: 'Outbound', access: 'Deny', protocol: '*', description: '',
        source_port_range: '', source_port_ranges: ['0-65535'], destination_port_range: '', destination_port_ranges: ['443'],
        source_address_prefix: '*', source_address_prefixes: [], destination_address_prefix: '', destination_address_prefixes: ['BatchNodeManagement.EastUS'],
        source_application_security_group_ids: [], destination_application_security_group_ids: [],
      }]);
      expect(only(stack, 'BATCH-003')).toEqual([
        'its subnet\'s NSG nsg does not let nodes reach BatchNodeManagement.EastUS on 443 over any protocol: rule batch-out (priority 100) denies Tcp, rule batch-out (priority 100) denies Udp',
      ]);
    });

    test('BATCH-003 leaves a deny unjudged when an allow before it may hold the tag\'s addresses', () => {
      expect(only(rawPool([{ name: 'udp-public', access: 'Allow', protocol: 'Udp', destination: '20.0.0.0/8', priority: 200 }, { ...DENY_ALL, protocol: 'Udp' }]), 'BATCH-003')).toEqual([]);
    });

    test('a null entry an override left in a list throws in no rule', () => {
      const stack = rawPool([]);
      (stack.node.findChild('Nsg') as NetworkSecurityGroup).addOverride('security_rule', [null]);
      const pool = stack.node.findChild('Pool') as BatchPool;
      pool.addOverride('network_configuration.endpoint_configuration', [null]);
      pool.addOverride('container_configuration', { type: 'DockerCompatible', container_image_names: [null] });
      expect(() => findings(stack)).not.toThrow();
    });

    test('BATCH-015 knows a registry private endpoint that references its registry', () => {
      const stack = newStack();
      const vnet = new VirtualNetwork(stack, 'Vnet', { name: 'vnet', resourceGroupName: 'rg', location: 'eastus', addressSpace: ['10.1.0.0/16'] });
      const subnet = new Subnet(stack, 'Subnet', { name: 'snet', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.1.0.0/24'], defaultOutboundAccessEnabled: false });
      const registry = new ContainerRegistry(stack, 'Acr', { name: 'contoso', resourceGroupName: 'rg', location: 'eastus', sku: 'Premium' });
      new PrivateEndpoint(stack, 'AcrEndpoint', {
        name: 'pe-acr', resourceGroupName: 'rg', location: 'eastus', subnetId: subnet.id,
        privateServiceConnection: { name: 'acr', privateConnectionResourceId: registry.id, subresourceNames: ['registry'], isManualConnection: false },
      });
      const account = new BatchAccount(stack, 'Account', { name: 'batchraw', resourceGroupName: 'rg', location: 'eastus' });
      new BatchPool(stack, 'Pool', {
        name: 'raw', accountName: account.name, resourceGroupName: 'rg', vmSize: 'Standard_D4s_v5', nodeAgentSkuId: 'batch.node.ubuntu 24.04',
        targetNodeCommunicationMode: 'Simplified', storageImageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
        networkConfiguration: { subnetId: subnet.id, publicAddressProvisioningType: 'NoPublicIPAddresses' }, fixedScale: { targetDedicatedNodes: 2 },
        containerConfiguration: { type: 'DockerCompatible', containerImageNames: ['contoso.azurecr.io/render:1'] },
      });
      expect(only(stack, 'BATCH-015')).toEqual([]);
    });
  });

  test('BATCH-013 names what it could not check on a classified size, and is quiet when nothing depends on it', () => {
    const premium = compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_M64', dataDisks: [{ lun: 0, sizeGb: 64, mountPath: '/data/a', storageType: 'Premium_LRS' as never }] }] });
    expect(findings(premium).filter((finding) => finding.id === 'BATCH-013').map((finding) => finding.message)).toEqual(['Standard_M64: premium storage not known from the size name, so not checked']);
    expect(ids(compliantStack({ pools: [{ ...WORK_POOL, vmSize: 'Standard_M64' }] }))).not.toContain('BATCH-013');
  });

  test('BATCH-013 on a GPU or HPC size leaves trusted launch out of what it could not check where Learn names the series', () => {
    const messages = (vmSize: string) => findings(compliantStack({ pools: [{ ...WORK_POOL, vmSize, dataDisks: [] }] })).filter((finding) => finding.id === 'BATCH-013').map((finding) => finding.message);
    expect(messages('Standard_ND96asr_v4')).toEqual(['Standard_ND96asr_v4 is not a size the library classifies, so premium storage, the data-disk controller, Azure Disk Encryption and encryption at host were not checked']);
    expect(messages('Standard_HB368rs_v5')).toEqual(['Standard_HB368rs_v5 is not a size the library classifies, so premium storage, the data-disk controller, Azure Disk Encryption, trusted launch and encryption at host were not checked']);
  });

  test('BATCH-014 is quiet for applications on public auto-storage; BATCH-015 for container pools without images to pull', () => {
    const open = compliantStack({ storageNetworkAccess: StorageNetworkAccess.PUBLIC, applications: [{ name: 'blender' }] });
    expect(ids(open)).not.toContain('BATCH-014');
    expect(ids(compliantStack({ pools: [{ ...WORK_POOL, image: PoolImage.UBUNTU_2404_HPC, container: {} }] }))).not.toContain('BATCH-015');
  });

  test('compliant variants stay quiet: standby single nodes, union rules, autoscale with taskcompletion, firewall storage', () => {
    expect(findings(compliantStack({ role: RegionRole.STANDBY, pools: [{ ...WORK_POOL, scale: PoolScale.fixed({ dedicatedNodes: 0 }) }] }))).toEqual([]);
    expect(findings(compliantStack({ ruleSet: 'union' as never, pools: [{ ...WORK_POOL, scale: PoolScale.pendingTasks({ maxNodes: 5 }) }] }))).toEqual([]);
    expect(findings(compliantStack({ storageNetworkAccess: StorageNetworkAccess.PRIVATE }))).toEqual([]);
    expect(ids(compliantStack({ pools: [{ ...WORK_POOL, publicIpMode: PublicIpMode.BATCH_MANAGED }] }))).toEqual(['SEC-006']);
  });
});

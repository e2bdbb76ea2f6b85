import { TerraformOutput } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork, BatchNetworkProps } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { errorOf, newStack, resolved, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';

const eastus = AzureRegion.of('eastus');
const SUBNET_ID = '/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch';
const VNET_ID = '/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const NSG_ID = '/subscriptions/0000/resourceGroups/rg-sec/providers/Microsoft.Network/networkSecurityGroups/nsg-batch';

function network(props: Partial<BatchNetworkProps> = {}) {
  const stack = newStack();
  const construct = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg-batch', ...props });
  return { stack, construct };
}

function problemOf(props: Partial<BatchNetworkProps>): string {
  return errorOf(() => network(props));
}

describe('BatchNetwork', () => {
  describe('a new VNet', () => {
    test('creates VNet, pool subnet in its first half, NSG and association, named from baseName', () => {
      const { stack } = network({ addressSpace: '10.10.0.0/16', baseName: 'contoso-eastus', tags: { team: 'render' } });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([{
        name: 'vnet-contoso-eastus', location: 'eastus', resource_group_name: 'rg-batch',
        address_space: ['10.10.0.0/16'], tags: { team: 'render' },
      }]);
      const vnetRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{azurerm_virtual_network\\.Network_[A-F0-9]+\\.${attribute}\\}$`));
      expect(resourcesOf(json, 'azurerm_subnet')).toEqual([
        {
          name: 'snet-contoso-eastus-endpoints', resource_group_name: vnetRef('resource_group_name'), virtual_network_name: vnetRef('name'),
          address_prefixes: ['10.10.128.0/26'], default_outbound_access_enabled: false,
        },
        {
          name: 'snet-contoso-eastus-pool', resource_group_name: vnetRef('resource_group_name'), virtual_network_name: vnetRef('name'),
          address_prefixes: ['10.10.0.0/17'], default_outbound_access_enabled: false,
        },
      ]);
      expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([{
        name: 'nsg-contoso-eastus-pool', location: 'eastus', resource_group_name: 'rg-batch', tags: { team: 'render' },
      }]);
      const nsgId = expect.stringMatching(/^\$\{azurerm_network_security_group\.Network_NetworkSecurityGroup_[A-F0-9]+\.id\}$/);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([
        { subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_EndpointSubnet_[A-F0-9]+\.id\}$/), network_security_group_id: nsgId },
        { subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/), network_security_group_id: nsgId },
      ]);
    });

    test('defaults to the simplified rule set, in the NSG it created', () => {
      const { stack, construct } = network({ addressSpace: '10.10.0.0/16' });
      expect(construct.ruleSet).toBe(NodeCommunicationRuleSet.SIMPLIFIED);
      const json = synth(stack);
      expect(ruleShapes(json)).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 100 },
      ]);
      expect(resourcesOf(json, 'azurerm_network_security_rule')[0]).toMatchObject({
        name: 'Allow-Out-BatchNodeManagement.EastUS-Any-443',
        network_security_group_name: expect.stringMatching(/^\$\{azurerm_network_security_group\.Network_NetworkSecurityGroup_[A-F0-9]+\.name\}$/),
        resource_group_name: 'rg-batch',
      });
    });

    test('takes an explicit pool subnet, default outbound access and name overrides', () => {
      const { stack, construct } = network({
        addressSpace: '10.10.0.0/16', poolSubnetPrefix: '10.10.8.0/22', defaultOutboundAccess: true,
        virtualNetworkName: 'vnet-a', subnetName: 'snet-a', networkSecurityGroupName: 'nsg-a',
      });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_subnet').find((subnet) => subnet.name === 'snet-a')).toMatchObject({ address_prefixes: ['10.10.8.0/22'], default_outbound_access_enabled: true });
      expect(resourcesOf(json, 'azurerm_virtual_network')[0]).toMatchObject({ name: 'vnet-a' });
      expect(resourcesOf(json, 'azurerm_network_security_group')[0]).toMatchObject({ name: 'nsg-a' });
      expect(construct.subnetPrefix).toBe('10.10.8.0/22');
    });

    test('without baseName, names come from the construct path and are the same on every synth', () => {
      const first = synth(network({ addressSpace: '10.10.0.0/16' }).stack);
      const second = synth(network({ addressSpace: '10.10.0.0/16' }).stack);
      const name = resourcesOf(first, 'azurerm_virtual_network')[0].name;
      expect(name).toMatch(/^vnet-test-network-[0-9a-f]{8}$/);
      expect(resourcesOf(second, 'azurerm_virtual_network')[0].name).toBe(name);
    });

    test('exposes the resources for escape hatches', () => {
      const { stack, construct } = network({ addressSpace: '10.10.0.0/16' });
      construct.resource!.addOverride('dns_servers', ['10.10.0.4']);
      new TerraformOutput(stack, 'SubnetId', { value: construct.subnetId });
      expect(resourcesOf(synth(stack), 'azurerm_virtual_network')[0]).toMatchObject({ dns_servers: ['10.10.0.4'] });
      expect(construct.networkSecurityGroup).toBeDefined();
      expect(construct.subnet).toBeDefined();
    });
  });

  describe('adopting existing networks', () => {
    test('an existing VNet gets the pool subnet, the NSG and the association', () => {
      const { stack } = network({ existingVirtualNetwork: { id: VNET_ID, addressSpace: ['10.50.0.0/16'] }, poolSubnetPrefix: '10.50.4.0/22', baseName: 'x' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet')).toEqual([{
        name: 'snet-x-pool', resource_group_name: 'rg-net', virtual_network_name: 'vnet-hub',
        address_prefixes: ['10.50.4.0/22'], default_outbound_access_enabled: false,
      }]);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(1);
    });

    test('an existing VNet known only at deploy time is split by Terraform', () => {
      const stack = newStack();
      const other = new BatchNetwork(stack, 'Hub', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.60.0.0/16' });
      new BatchNetwork(stack, 'Network', {
        region: eastus, resourceGroupName: 'rg', existingVirtualNetwork: { id: other.resource!.id }, poolSubnetPrefix: '10.60.200.0/24',
      });
      const subnet = resourcesOf(synth(stack), 'azurerm_subnet').find((s) => (s.address_prefixes as string[])[0] === '10.60.200.0/24')!;
      expect(subnet.virtual_network_name).toMatch(/^\$\{element\(split\("\/", azurerm_virtual_network\.Hub_[A-F0-9]+\.id\), 8\)\}$/);
      expect(subnet.resource_group_name).toMatch(/^\$\{element\(split\("\/", azurerm_virtual_network\.Hub_[A-F0-9]+\.id\), 4\)\}$/);
    });

    test('an existing subnet gets a new NSG associated with it, and no VNet or subnet', () => {
      const { stack, construct } = network({ existingSubnet: { id: SUBNET_ID, addressPrefix: '10.50.4.0/22' } });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([{
        subnet_id: SUBNET_ID, network_security_group_id: expect.stringContaining('azurerm_network_security_group.'),
      }]);
      expect(construct.subnetId).toBe(SUBNET_ID);
    });

    test('an existing subnet with its NSG gets only the rules, in that NSG', () => {
      const { stack, construct } = network({ existingSubnet: { id: SUBNET_ID, networkSecurityGroupId: NSG_ID }, firstPriority: 1000 });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_network_security_rule')).toEqual([expect.objectContaining({
        network_security_group_name: 'nsg-batch', resource_group_name: 'rg-sec', priority: 1000,
      })]);
      expect(construct.networkSecurityGroupId).toBe(NSG_ID);
    });

    test('private endpoints: a dedicated subnet in a new or adopted VNet, else the pool subnet', () => {
      const { stack, construct: created } = network({ addressSpace: '10.10.0.0/16' });
      expect(created.privateEndpointSubnetPrefix).toBe('10.10.128.0/26');
      expect(resolved(stack, created.privateEndpointSubnetId)).toBe(resolved(stack, created.privateEndpointSubnet!.id));
      expect(resolved(stack, created.virtualNetworkId)).toBe(resolved(stack, created.resource!.id));

      const small = network({ addressSpace: '10.10.0.0/26' }).construct;
      expect([small.subnetPrefix, small.privateEndpointSubnetPrefix]).toEqual(['10.10.0.0/27', '10.10.0.32/27']);

      const adoptedVnet = network({ existingVirtualNetwork: { id: VNET_ID }, poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.8.0/27' }).construct;
      expect([adoptedVnet.privateEndpointSubnetPrefix, adoptedVnet.virtualNetworkId]).toEqual(['10.50.8.0/27', VNET_ID]);
      const adopted = network({ existingVirtualNetwork: { id: VNET_ID }, poolSubnetPrefix: '10.50.4.0/22' });
      expect(adopted.construct.privateEndpointSubnet).toBeUndefined();
      expect(resolved(adopted.stack, adopted.construct.privateEndpointSubnetId)).toBe(resolved(adopted.stack, adopted.construct.subnetId));

      const adoptedSubnet = network({ existingSubnet: { id: SUBNET_ID, addressPrefix: '10.50.4.0/22' } }).construct;
      expect([adoptedSubnet.privateEndpointSubnetId, adoptedSubnet.privateEndpointSubnetPrefix, adoptedSubnet.virtualNetworkId]).toEqual([SUBNET_ID, '10.50.4.0/22', VNET_ID]);
    });

    test('an existing subnet without its prefix warns that size and Docker overlap go unchecked', () => {
      const { stack } = network({ existingSubnet: { id: SUBNET_ID }, maxNodeCount: 10 });
      expect(warningsOf(stack)).toEqual([
        'existingSubnet.addressPrefix is not given, so the subnet size and its overlap with Docker\'s bridge 172.17.0.0/16 are not checked; give the prefix to check them.',
      ]);
      expect(warningsOf(network({ existingSubnet: { id: SUBNET_ID } }).stack)).toEqual([]);
    });
  });

  describe('rules', () => {
    const region = eastus;
    const acr = ServiceTag.of('AzureContainerRegistry.EastUS');

    test('extra rules follow the rule set in declaration order, per direction, from 200', () => {
      const { stack, construct } = network({
        addressSpace: '10.10.0.0/16',
        rules: [
          NetworkRule.allowOutbound(acr, Port.tcp(443)),
          NetworkRule.allowInbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(22)),
          NetworkRule.allowOutbound(Peer.ipv4('10.99.1.4'), Port.udpRange(5000, 5010)),
        ],
      });
      const added = construct.addRule(NetworkRule.denyOutbound(Peer.ipv4('10.98.0.0/16'), Port.allTraffic(), { priority: 3000 }));
      expect(added.priority).toBe(3000);
      expect(ruleShapes(synth(stack))).toEqual([
        { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', ports: '22', peer: '10.99.0.0/16', priority: 200 },
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'AzureContainerRegistry.EastUS', priority: 200 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Udp', ports: '5000-5010', peer: '10.99.1.4/32', priority: 210 },
        { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '10.98.0.0/16', priority: 3000 },
      ]);
      expect(construct.rules.map((rule) => rule.name)).toEqual([
        'Allow-Out-BatchNodeManagement.EastUS-Any-443',
        'Allow-Out-AzureContainerRegistry.EastUS-Tcp-443',
        'Allow-In-10.99.0.0_16-Tcp-22',
        'Allow-Out-10.99.1.4_32-Udp-5000-5010',
        'Deny-Out-10.98.0.0_16-Any-All',
      ]);
    });

    test('a rule the set already covers is skipped, and the covering rule returned', () => {
      const { stack, construct } = network({ addressSpace: '10.10.0.0/16' });
      const returned = construct.addRule(NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(region), Port.tcp(443)));
      expect(returned.name).toBe('Allow-Out-BatchNodeManagement.EastUS-Any-443');
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toHaveLength(1);
    });

    test('a pinned priority already taken is rejected, naming both rules', () => {
      const { construct } = network({ addressSpace: '10.10.0.0/16', rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 300 })] });
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(ServiceTag.storage(region), Port.tcp(443), { priority: 300 })))).toBe(
        'BatchNetwork test/Network: rule Allow-Out-Storage.EastUS-Tcp-443 has priority 300, already taken by Allow-Out-AzureContainerRegistry.EastUS-Tcp-443 (outbound); ' +
          'pin another priority, or leave it unset to take the next free slot from 200.',
      );
    });

    test('the same priority in the other direction is fine', () => {
      const { construct } = network({ addressSpace: '10.10.0.0/16', rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 300 })] });
      expect(construct.addRule(NetworkRule.allowInbound(Peer.ipv4('10.1.0.0/16'), Port.tcp(22), { priority: 300 })).priority).toBe(300);
    });

    test('a pinned priority inside the rule set\'s band is rejected', () => {
      expect(problemOf({ addressSpace: '10.10.0.0/16', rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 150 })] })).toBe(
        'BatchNetwork test/Network: rule Allow-Out-AzureContainerRegistry.EastUS-Tcp-443 pins priority 150, inside 100-199, the band kept for the node-communication rules; pin 200 or more, or leave it unset.',
      );
    });

    test('a name already taken by a different rule is rejected', () => {
      const { construct } = network({ addressSpace: '10.10.0.0/16', rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { name: 'Registry' })] });
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(8443), { name: 'Registry' })))).toBe(
        'BatchNetwork test/Network: rule name "Registry" is taken by Registry (priority 200); give the new rule another name.',
      );
    });

    test('restrictOutbound denies all other outbound traffic at the lowest priority', () => {
      const { stack, construct } = network({ addressSpace: '10.10.0.0/16', restrictOutbound: true, rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
      expect(ruleShapes(synth(stack))).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'AzureContainerRegistry.EastUS', priority: 200 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.10.128.0/26', priority: 4095 },
        { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '*', priority: 4096 },
      ]);
      // A narrower deny placed before the lockdown still matters, so it is kept.
      expect(construct.addRule(NetworkRule.denyOutbound(Peer.anyAddress(), Port.tcp(25))).priority).toBe(210);
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.0.0.0/8'), Port.tcp(443), { priority: 4096 })))).toBe(
        'BatchNetwork test/Network: rule Allow-Out-10.0.0.0_8-Tcp-443 has priority 4096, already taken by Deny-Out-All (outbound); pin another priority, or leave it unset to take the next free slot from 200.',
      );
    });

    test('firstPriority moves the rule set\'s band and the start of derived priorities', () => {
      const { stack } = network({ addressSpace: '10.10.0.0/16', firstPriority: 500, ruleSet: NodeCommunicationRuleSet.UNION, rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
      expect(ruleShapes(synth(stack)).map((rule) => `${rule.direction} ${rule.peer} ${rule.priority}`)).toEqual([
        'Inbound BatchNodeManagement.EastUS 500',
        'Outbound BatchNodeManagement.EastUS 500',
        'Outbound Storage.EastUS 520',
        'Outbound AzureContainerRegistry.EastUS 600',
      ]);
    });

    test('nothing in any rule set or lockdown allows inbound traffic from the Internet', () => {
      for (const ruleSet of Object.values(NodeCommunicationRuleSet)) {
        const { stack } = network({ addressSpace: '10.10.0.0/16', ruleSet, restrictOutbound: true });
        for (const rule of resourcesOf(synth(stack), 'azurerm_network_security_rule')) {
          if (rule.direction === 'Inbound' && rule.access === 'Allow') {
            expect(['*', 'Internet', '0.0.0.0/0']).not.toContain(rule.source_address_prefix);
          }
        }
      }
    });
  });

  describe('validation', () => {
    test.each<[string, Partial<BatchNetworkProps>, string]>([
      ['a malformed CIDR', { addressSpace: '10.0.0.0/33' },
        'addressSpace "10.0.0.0/33" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
      ['a CIDR with host bits', { addressSpace: '10.0.0.1/16' },
        'addressSpace "10.0.0.1/16" has host bits set; Azure accepts only the network address: use "10.0.0.0/16"'],
      ['a subnet outside the VNet', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.1.0.0/24' },
        'poolSubnetPrefix "10.1.0.0/24" is outside addressSpace 10.0.0.0/16; choose a block inside it, e.g. "10.0.0.0/17"'],
      ['a subnet too small for the nodes', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.0.0/28', maxNodeCount: 20 },
        'poolSubnetPrefix "10.0.0.0/28" holds 11 nodes (16 addresses minus the 5 Azure reserves) but maxNodeCount is 20; use a prefix length of /27 or shorter'],
      ['a default subnet too small for the nodes', { addressSpace: '10.0.0.0/24', maxNodeCount: 200 },
        'addressSpace "10.0.0.0/24" leaves 123 addresses in the pool subnet 10.0.0.0/25 (128 minus the 5 Azure reserves), but maxNodeCount is 200; use an addressSpace of /23 or shorter'],
      ['a subnet below Azure\'s smallest', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.0.0/30' },
        'poolSubnetPrefix "10.0.0.0/30" is smaller than Azure\'s smallest subnet; use a prefix length of /29 or shorter'],
      ['a container VNet on Docker\'s bridge', { addressSpace: '172.16.0.0/12', containerPools: true },
        'addressSpace "172.16.0.0/12" overlaps Docker\'s default bridge 172.17.0.0/16, which container pools use on every node; choose a range outside it, e.g. "10.10.0.0/16"'],
      ['an adopted container subnet on Docker\'s bridge', { existingSubnet: { id: SUBNET_ID, addressPrefix: '172.17.4.0/24' }, containerPools: true },
        'existingSubnet.addressPrefix "172.17.4.0/24" overlaps Docker\'s default bridge 172.17.0.0/16, which container pools use on every node; choose a range outside it, e.g. "10.10.0.0/16"'],
      ['a multicast address space', { addressSpace: '224.0.0.0/16' },
        'addressSpace "224.0.0.0/16" is in the multicast range, which Azure does not allow in a virtual network; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'],
      ['the Azure platform address', { addressSpace: '168.63.0.0/16' },
        'addressSpace "168.63.0.0/16" contains 168.63.129.16, the Azure platform address (DNS, health probes); use a private range such as 10.0.0.0/8'],
      ['no address source', {},
        'addressSpace (missing) is required; give addressSpace for a new VNet, or existingVirtualNetwork or existingSubnet to adopt one'],
      ['two address sources', { addressSpace: '10.0.0.0/16', existingSubnet: { id: SUBNET_ID } },
        `existingSubnet "${SUBNET_ID}" cannot be combined with addressSpace; give exactly one of addressSpace, existingVirtualNetwork and existingSubnet`],
      ['a VNet id as subnet id', { existingSubnet: { id: VNET_ID } },
        `existingSubnet.id "${VNET_ID}" is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`],
      ['a bad NSG id', { existingSubnet: { id: SUBNET_ID, networkSecurityGroupId: 'nsg-batch' } },
        'existingSubnet.networkSecurityGroupId "nsg-batch" is not a network security group resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>'],
      ['a subnet outside an adopted VNet', { existingVirtualNetwork: { id: VNET_ID, addressSpace: ['10.1.0.0/16'] }, poolSubnetPrefix: '10.2.0.0/24' },
        'poolSubnetPrefix "10.2.0.0/24" is outside the VNet\'s address space (10.1.0.0/16); choose a block inside it'],
      ['an adopted VNet without a subnet prefix', { existingVirtualNetwork: { id: VNET_ID } },
        'poolSubnetPrefix (missing) is required with existingVirtualNetwork; give a free block of the VNet, e.g. "10.10.4.0/22"'],
      ['an endpoint subnet overlapping the pool subnet', { addressSpace: '10.0.0.0/16', privateEndpointSubnetPrefix: '10.0.1.0/26' },
        'privateEndpointSubnetPrefix "10.0.1.0/26" overlaps the pool subnet 10.0.0.0/17; choose a block outside it'],
      ['an endpoint subnet outside the VNet', { addressSpace: '10.0.0.0/16', privateEndpointSubnetPrefix: '10.9.0.0/26' },
        'privateEndpointSubnetPrefix "10.9.0.0/26" is outside the VNet\'s address space (10.0.0.0/16); choose a block inside it'],
      ['a default endpoint subnet that collides with an explicit pool subnet', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.128.0/17' },
        'privateEndpointSubnetPrefix (missing) is needed: the default 10.0.128.0/26 overlaps poolSubnetPrefix 10.0.128.0/17; give a free block of addressSpace for private endpoints, e.g. a /26'],
      ['an endpoint subnet with an adopted subnet', { existingSubnet: { id: SUBNET_ID }, privateEndpointSubnetPrefix: '10.0.1.0/26' },
        'privateEndpointSubnetPrefix "10.0.1.0/26" cannot be set with existingSubnet: endpoints go into the adopted subnet; adopt the VNet instead to get an endpoint subnet'],
      ['a bad name override', { addressSpace: '10.0.0.0/16', subnetName: '-pool' },
        'subnetName "-pool" is not a valid subnet name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore'],
      ['a base name that makes an invalid name', { addressSpace: '10.0.0.0/16', baseName: 'x'.repeat(60) },
        `baseName "${'x'.repeat(60)}" gives virtualNetworkName "vnet-${'x'.repeat(60)}", which is not a valid virtual network name: use 2-64 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore; change baseName or set virtualNetworkName`],
      ['a bad resource group name', { addressSpace: '10.0.0.0/16', resourceGroupName: 'rg.' },
        'resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period'],
      ['a negative node count', { addressSpace: '10.0.0.0/16', maxNodeCount: -1 },
        'maxNodeCount -1 is not a node count; use a whole number of 0 or more'],
      ['a first priority leaving no room', { addressSpace: '10.0.0.0/16', firstPriority: 4000 },
        'firstPriority 4000 is out of range; use an integer from 100 to 3995 so the rule set\'s band of 100 fits below 4096'],
    ])('rejects %s', (_, props, message) => {
      expect(problemOf(props)).toBe(`BatchNetwork test/Network: ${message}`);
    });

    test('does not check Docker\'s bridge unless container pools are requested', () => {
      expect(() => network({ addressSpace: '172.17.0.0/16' })).not.toThrow();
    });

    test('reports every problem at once, one line each, and creates nothing', () => {
      const stack = newStack();
      expect(() => new BatchNetwork(stack, 'Network', {
        region: eastus, resourceGroupName: 'rg', addressSpace: 'banana', poolSubnetPrefix: '10.0.0.0/24', maxNodeCount: 1.5,
      })).toThrow([
        'BatchNetwork test/Network: maxNodeCount 1.5 is not a node count; use a whole number of 0 or more',
        'BatchNetwork test/Network: addressSpace "banana" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
      ].join('\n'));
      expect(stack.node.findAll().filter((c) => c.node.path.startsWith('test/Network/'))).toEqual([]);
    });
  });

  test('the address-space hint is one that fits: following it builds, one prefix longer fails', () => {
    for (const maxNodeCount of [1, 2, 3, 4, 11, 12, 16, 27, 28, 200, 1000]) {
      const fits = (prefix: number) => {
        try {
          network({ addressSpace: `10.0.0.0/${prefix}`, maxNodeCount });
          return true;
        } catch {
          return false;
        }
      };
      const smallest = [29, 28, 27, 26, 25, 24, 23, 22, 21, 20].find(fits)!;
      expect(smallest).toBeLessThan(29);
      expect([maxNodeCount, errorOf(() => network({ addressSpace: `10.0.0.0/${smallest + 1}`, maxNodeCount }))])
        .toEqual([maxNodeCount, expect.stringContaining(`use an addressSpace of /${smallest} or shorter`)]);
    }
  });
});

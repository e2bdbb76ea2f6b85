import { Egress } from '../../lib/network/egress';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork, BatchNetworkProps } from '../../lib/network/batch-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { PoolScale } from '../../lib/pool/pool-scale';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { attachPool } from '../../lib/private/attachments';
import { collectProblems, ValidationError } from '../../lib/private/problems';
import { PairedStorageAccount } from '../../lib/storage/paired-storage-account';
import { errorOf, newStack, resolved, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';

const eastus = AzureRegion.of('eastus');
const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso';

function network(props: Partial<BatchNetworkProps> = {}) {
  const stack = newStack();
  const construct = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg-batch', addressSpace: '10.10.0.0/16', ...props });
  return { stack, construct };
}

function problemOf(props: Partial<BatchNetworkProps>): string {
  return errorOf(() => network(props));
}

/** Places pools of the given sizes in `construct`, as SimplifiedPool does, with ids Pool1, Pool2, ... */
function withPools(construct: BatchNetwork, pools: ReadonlyArray<number | { maxNodes: number; containers: boolean; id?: string }>) {
  const stack = TerraformStack.of(construct);
  pools.forEach((pool, i) => {
    const { maxNodes, containers, id } = typeof pool === 'number' ? { maxNodes: pool, containers: false, id: undefined } : pool;
    attachPool(construct, { pool: new Construct(stack, id ?? `Pool${i + 1}`), maxNodes, containers });
  });
  return stack;
}

/** The messages of the problems the construct checks find once the tree is complete. */
function checkMessages(stack: TerraformStack): string[] {
  return collectProblems(stack).map((problem) => `${problem.path} ${JSON.stringify(problem.value)} ${problem.message}`);
}

describe('BatchNetwork', () => {
  describe('a new VNet', () => {
    test('creates VNet, pool subnet in its first half, endpoint subnet, NSG and associations, named from baseName', () => {
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
      const { stack, construct } = network();
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
        addressSpace: '10.10.0.0/16', poolSubnetPrefix: '10.10.8.0/22', egress: Egress.defaultOutbound(),
        virtualNetworkName: 'vnet-a', subnetName: 'snet-a', networkSecurityGroupName: 'nsg-a',
      });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_subnet').find((subnet) => subnet.name === 'snet-a')).toMatchObject({ address_prefixes: ['10.10.8.0/22'], default_outbound_access_enabled: true });
      expect(resourcesOf(json, 'azurerm_virtual_network')[0]).toMatchObject({ name: 'vnet-a' });
      expect(resourcesOf(json, 'azurerm_network_security_group')[0]).toMatchObject({ name: 'nsg-a' });
      expect(construct.subnetPrefix).toBe('10.10.8.0/22');
    });

    test('without baseName, names come from the construct path and are the same on every synth', () => {
      const first = synth(network().stack);
      const second = synth(network().stack);
      const name = resourcesOf(first, 'azurerm_virtual_network')[0].name;
      expect(name).toMatch(/^vnet-test-network-[0-9a-f]{8}$/);
      expect(resourcesOf(second, 'azurerm_virtual_network')[0].name).toBe(name);
    });

    test('exposes the resources for escape hatches', () => {
      const { stack, construct } = network();
      construct.resource.addOverride('dns_servers', ['10.10.0.4']);
      new TerraformOutput(stack, 'SubnetId', { value: construct.subnetId });
      expect(resourcesOf(synth(stack), 'azurerm_virtual_network')[0]).toMatchObject({ dns_servers: ['10.10.0.4'] });
      expect(resolved(stack, construct.networkSecurityGroupId)).toBe(resolved(stack, construct.networkSecurityGroup!.id));
      expect(resolved(stack, construct.subnetId)).toBe(resolved(stack, construct.subnet.id));
      expect(resolved(stack, construct.virtualNetworkId)).toBe(resolved(stack, construct.resource.id));
    });

    test('pools wait for the pool subnet\'s association and every rule, also rules added later', () => {
      const { stack, construct } = network();
      construct.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443)));
      expect(construct.nodeReadiness.map((resource) => resolved(stack, resource.fqn))).toEqual([
        expect.stringMatching(/^\$\{azurerm_subnet_network_security_group_association\.Network_NetworkSecurityGroupAssociation_[A-F0-9]+\}$/),
        expect.stringMatching(/^\$\{azurerm_network_security_rule\.Network_Rules_Allow-Out-BatchNodeManagementEastUS-Any-443_[A-F0-9]+\}$/),
        expect.stringMatching(/^\$\{azurerm_network_security_rule\.Network_Rules_Allow-Out-AzureContainerRegistryEastUS-Tcp-443_[A-F0-9]+\}$/),
      ]);
    });

    test('private endpoints get a subnet of their own, except in a /29, where they share the pool subnet', () => {
      const { stack, construct: created } = network({ addressSpace: '10.10.0.0/16' });
      expect(created.privateEndpointSubnetPrefix).toBe('10.10.128.0/26');
      expect(resolved(stack, created.privateEndpointSubnetId)).toBe(resolved(stack, created.privateEndpointSubnet!.id));

      const small = network({ addressSpace: '10.10.0.0/26' }).construct;
      expect([small.subnetPrefix, small.privateEndpointSubnetPrefix]).toEqual(['10.10.0.0/27', '10.10.0.32/27']);

      const explicit = network({ addressSpace: '10.10.0.0/16', privateEndpointSubnetPrefix: '10.10.200.0/27' }).construct;
      expect(explicit.privateEndpointSubnetPrefix).toBe('10.10.200.0/27');

      const tiny = network({ addressSpace: '10.10.0.0/29' });
      expect([tiny.construct.subnetPrefix, tiny.construct.privateEndpointSubnetPrefix, tiny.construct.privateEndpointSubnet]).toEqual(['10.10.0.0/29', '10.10.0.0/29', undefined]);
      expect(resolved(tiny.stack, tiny.construct.privateEndpointSubnetId)).toBe(resolved(tiny.stack, tiny.construct.subnetId));
      const json = synth(tiny.stack);
      expect(resourcesOf(json, 'azurerm_subnet')).toHaveLength(1);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(1);
    });

    test('an address space known only at deploy time takes the pool subnet\'s block, and endpoints share it', () => {
      const stack = newStack();
      const space = new TerraformVariable(stack, 'space', { type: 'string' });
      const construct = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: space.stringValue, poolSubnetPrefix: '10.10.0.0/24' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_virtual_network')[0].address_space).toEqual(['${var.space}']);
      expect(resourcesOf(json, 'azurerm_subnet').map((subnet) => subnet.address_prefixes)).toEqual([['10.10.0.0/24']]);
      expect([construct.subnetPrefix, construct.privateEndpointSubnetPrefix]).toEqual(['10.10.0.0/24', '10.10.0.0/24']);
    });
  });

  describe('rules', () => {
    const region = eastus;
    const acr = ServiceTag.of('AzureContainerRegistry.EastUS');

    test('the classic and union sets carry their rules at fixed priorities', () => {
      expect(ruleShapes(synth(network({ ruleSet: NodeCommunicationRuleSet.CLASSIC }).stack))).toEqual([
        { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', ports: '29876-29877', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 110 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'Storage.EastUS', priority: 120 },
      ]);
      expect(ruleShapes(synth(network({ ruleSet: NodeCommunicationRuleSet.UNION }).stack))).toEqual([
        { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', ports: '29876-29877', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'Storage.EastUS', priority: 120 },
      ]);
    });

    test('extra rules follow the band in declaration order, per direction; pinned priorities stay', () => {
      const { stack, construct } = network({
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
      const { stack, construct } = network();
      const returned = construct.addRule(NetworkRule.allowOutbound(ServiceTag.batchNodeManagement(region), Port.tcp(443)));
      expect(returned.name).toBe('Allow-Out-BatchNodeManagement.EastUS-Any-443');
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule')).toHaveLength(1);
    });

    test('a pinned priority already taken is rejected by the rules, naming both rules', () => {
      const { construct } = network({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 300 })] });
      let error: unknown;
      try {
        construct.addRule(NetworkRule.allowOutbound(ServiceTag.storage(region), Port.tcp(443), { priority: 300 }));
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([{
        subject: 'PoolSecurityRules', constructPath: 'test/Network/Rules', path: 'rules', value: 'Allow-Out-Storage.EastUS-Tcp-443',
        message: 'has priority 300, already taken by Allow-Out-AzureContainerRegistry.EastUS-Tcp-443 (outbound); pin another priority, or leave it unset to take the next free slot from 200',
      }]);
      expect((error as Error).message).toBe(
        'PoolSecurityRules test/Network/Rules: rules "Allow-Out-Storage.EastUS-Tcp-443" has priority 300, already taken by Allow-Out-AzureContainerRegistry.EastUS-Tcp-443 (outbound); ' +
          'pin another priority, or leave it unset to take the next free slot from 200',
      );
    });

    test('the same priority in the other direction is fine', () => {
      const { construct } = network({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 300 })] });
      expect(construct.addRule(NetworkRule.allowInbound(Peer.ipv4('10.1.0.0/16'), Port.tcp(22), { priority: 300 })).priority).toBe(300);
    });

    test('a pinned priority inside the rule set\'s band is rejected', () => {
      expect(problemOf({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { priority: 150 })] })).toBe(
        'PoolSecurityRules test/Network/Rules: rules "Allow-Out-AzureContainerRegistry.EastUS-Tcp-443" pins priority 150, inside 100-199, the band kept for the node-communication rules; pin 200 or more, or leave it unset',
      );
    });

    test('a name already taken by a different rule is rejected', () => {
      const { construct } = network({ rules: [NetworkRule.allowOutbound(acr, Port.tcp(443), { name: 'Registry' })] });
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(acr, Port.tcp(8443), { name: 'Registry' })))).toBe(
        'PoolSecurityRules test/Network/Rules: rules "Registry" is the name of Registry (priority 200) already; give the new rule another name',
      );
    });

    test('restrictOutbound keeps the endpoint subnet reachable on 443 and denies all other outbound traffic', () => {
      const { stack, construct } = network({ restrictOutbound: true, rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
      expect(ruleShapes(synth(stack))).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '443', peer: 'BatchNodeManagement.EastUS', priority: 100 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: 'AzureContainerRegistry.EastUS', priority: 200 },
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.10.128.0/26', priority: 4095 },
        { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '*', priority: 4096 },
      ]);
      // A narrower deny placed before the lockdown still matters, so it is kept.
      expect(construct.addRule(NetworkRule.denyOutbound(Peer.anyAddress(), Port.tcp(25))).priority).toBe(210);
      expect(errorOf(() => construct.addRule(NetworkRule.allowOutbound(Peer.ipv4('10.0.0.0/8'), Port.tcp(443), { priority: 4096 })))).toBe(
        'PoolSecurityRules test/Network/Rules: rules "Allow-Out-10.0.0.0_8-Tcp-443" has priority 4096, already taken by Deny-Out-All (outbound); pin another priority, or leave it unset to take the next free slot from 200',
      );
    });

    test('restrictOutbound in a /29 keeps the shared pool subnet reachable, where the endpoints are', () => {
      const shapes = ruleShapes(synth(network({ addressSpace: '10.10.0.0/29', restrictOutbound: true }).stack));
      expect(shapes.filter((rule) => rule.priority === 4095)).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.10.0.0/29', priority: 4095 },
      ]);
    });

    test('firstPriority moves the rule set\'s band and the start of derived priorities', () => {
      const { stack } = network({ firstPriority: 500, ruleSet: NodeCommunicationRuleSet.UNION, rules: [NetworkRule.allowOutbound(acr, Port.tcp(443))] });
      expect(ruleShapes(synth(stack)).map((rule) => `${rule.direction} ${rule.peer} ${rule.priority}`)).toEqual([
        'Inbound BatchNodeManagement.EastUS 500',
        'Outbound BatchNodeManagement.EastUS 500',
        'Outbound Storage.EastUS 520',
        'Outbound AzureContainerRegistry.EastUS 600',
      ]);
    });

    test('with a moved band, a priority pinned before it is rejected as before the band', () => {
      const { construct } = network({ firstPriority: 500 });
      expect(errorOf(() => construct.addRule(NetworkRule.denyOutbound(Peer.anyAddress(), Port.tcp(443), { priority: 150 })))).toBe(
        'PoolSecurityRules test/Network/Rules: rules "Deny-Out-Any-Tcp-443" pins priority 150, before 500-599, the band kept for the node-communication rules; pin 600 or more, or leave it unset',
      );
    });

    test('a first priority leaving no room for the band is rejected', () => {
      expect(problemOf({ firstPriority: 4000 })).toBe(
        'PoolSecurityRules test/Network/Rules: firstPriority 4000 is out of range; use an integer from 100 to 3995 so the rule set\'s band of 100 fits below 4096',
      );
    });

    test('nothing in any rule set or lockdown allows inbound traffic from the Internet', () => {
      for (const ruleSet of Object.values(NodeCommunicationRuleSet)) {
        const { stack } = network({ ruleSet, restrictOutbound: true });
        const inboundAllows = resourcesOf(synth(stack), 'azurerm_network_security_rule').filter((rule) => rule.direction === 'Inbound' && rule.access === 'Allow');
        for (const rule of inboundAllows) expect(['*', 'Internet', '0.0.0.0/0']).not.toContain(rule.source_address_prefix);
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
      ['a subnet below Azure\'s smallest', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.0.0/30' },
        'poolSubnetPrefix "10.0.0.0/30" is smaller than Azure\'s smallest subnet; use a prefix length of /29 or shorter'],
      ['a multicast address space', { addressSpace: '224.0.0.0/16' },
        'addressSpace "224.0.0.0/16" is in the multicast range, which Azure does not allow in a virtual network; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'],
      ['the Azure platform address', { addressSpace: '168.63.0.0/16' },
        'addressSpace "168.63.0.0/16" contains 168.63.129.16, the Azure platform address (DNS, health probes); use a private range such as 10.0.0.0/8'],
      ['an endpoint subnet overlapping the pool subnet', { addressSpace: '10.0.0.0/16', privateEndpointSubnetPrefix: '10.0.1.0/26' },
        'privateEndpointSubnetPrefix "10.0.1.0/26" overlaps the pool subnet 10.0.0.0/17; choose a block outside it'],
      ['an endpoint subnet outside the VNet', { addressSpace: '10.0.0.0/16', privateEndpointSubnetPrefix: '10.9.0.0/26' },
        'privateEndpointSubnetPrefix "10.9.0.0/26" is outside the VNet\'s address space (10.0.0.0/16); choose a block inside it'],
      ['an endpoint subnet below Azure\'s smallest', { addressSpace: '10.0.0.0/16', privateEndpointSubnetPrefix: '10.0.200.0/30' },
        'privateEndpointSubnetPrefix "10.0.200.0/30" is smaller than Azure\'s smallest subnet; use a prefix length of /29 or shorter'],
      ['a default endpoint subnet that collides with an explicit pool subnet', { addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.128.0/17' },
        'privateEndpointSubnetPrefix (missing) is needed: the default block for private endpoints, 10.0.128.0/26, overlaps poolSubnetPrefix 10.0.128.0/17; give a free block of addressSpace for them, e.g. a /26'],
      ['a bad name override', { addressSpace: '10.0.0.0/16', subnetName: '-pool' },
        'subnetName "-pool" is not a valid subnet name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore'],
      ['a base name that makes an invalid name', { addressSpace: '10.0.0.0/16', baseName: 'x'.repeat(60) },
        `baseName "${'x'.repeat(60)}" gives virtualNetworkName "vnet-${'x'.repeat(60)}", which is not a valid virtual network name: use 2-64 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore; change baseName or set virtualNetworkName`],
      ['a bad resource group name', { addressSpace: '10.0.0.0/16', resourceGroupName: 'rg.' },
        'resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period'],
    ])('rejects %s', (_, props, message) => {
      expect(problemOf(props)).toBe(`BatchNetwork test/Network: ${message}`);
    });

    test('an address space known only at deploy time needs the pool subnet\'s block', () => {
      const stack = newStack();
      const space = new TerraformVariable(stack, 'space', { type: 'string' });
      expect(errorOf(() => new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: space.stringValue }))).toBe(
        'BatchNetwork test/Network: poolSubnetPrefix (missing) is required when addressSpace is known only at deploy time; give the pool subnet\'s block',
      );
    });

    test('reports every problem at once, one line each, and creates nothing', () => {
      const stack = newStack();
      let error: unknown;
      try {
        new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: 'banana', poolSubnetPrefix: '10.0.0.0/24', subnetName: '-pool' });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => [problem.subject, problem.constructPath, problem.path, problem.value])).toEqual([
        ['BatchNetwork', 'test/Network', 'addressSpace', 'banana'],
        ['BatchNetwork', 'test/Network', 'subnetName', '-pool'],
      ]);
      expect((error as Error).message.split('\n')).toEqual([
        'BatchNetwork test/Network: addressSpace "banana" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"',
        'BatchNetwork test/Network: subnetName "-pool" is not a valid subnet name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
      ]);
      expect(stack.node.findAll().filter((c) => c.node.path.startsWith('test/Network/'))).toEqual([]);
    });
  });

  describe('the pools attached: subnet capacity', () => {
    test('pools whose nodes, plus the largest pool again, exceed the pool subnet fail at synth, naming addressSpace and the fix', () => {
      const { construct } = network({ addressSpace: '10.10.0.0/26' });
      const stack = withPools(construct, [30, 10]);
      const message = 'leaves 27 addresses in the pool subnet 10.10.0.0/27 (32 minus the 5 Azure reserves), but the pools attached need 70 nodes ' +
        '(every node, plus the largest pool again for a replacement); use an addressSpace of /24 or shorter (the pool subnet is its first half)';
      expect(collectProblems(stack)).toEqual([{ subject: 'BatchNetwork', constructPath: 'test/Network', path: 'addressSpace', value: '10.10.0.0/26', message }]);
      expect(() => Testing.synth(stack, true)).toThrow(`BatchNetwork test/Network: addressSpace "10.10.0.0/26" ${message}`);
    });

    test('pools that fit pass, up to the last address', () => {
      // 27 usable addresses: 9 + 9 nodes and 9 for replacing the largest pool fill them exactly.
      const { construct } = network({ addressSpace: '10.10.0.0/26' });
      const stack = withPools(construct, [9, 9]);
      expect(collectProblems(stack)).toEqual([]);
      expect(() => Testing.synth(stack, true)).not.toThrow();

      const oneMore = network({ addressSpace: '10.10.0.0/26' }).construct;
      expect(checkMessages(withPools(oneMore, [9, 9, 1]))).toEqual([expect.stringContaining('but the pools attached need 28 nodes')]);
    });

    test('the largest pool counts twice: one pool of 14 nodes does not fit 27 addresses, one of 13 does', () => {
      expect(checkMessages(withPools(network({ addressSpace: '10.10.0.0/26' }).construct, [13]))).toEqual([]);
      expect(checkMessages(withPools(network({ addressSpace: '10.10.0.0/26' }).construct, [14]))).toEqual([expect.stringContaining('need 28 nodes')]);
    });

    test('no pools, no capacity problem, even in the smallest network', () => {
      const { stack } = network({ addressSpace: '10.10.0.0/29' });
      expect(collectProblems(stack)).toEqual([]);
      expect(() => synth(stack)).not.toThrow();
    });

    test('an explicit pool subnet names poolSubnetPrefix and a prefix length', () => {
      const { construct } = network({ addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.0.0/28' });
      expect(collectProblems(withPools(construct, [10]))).toEqual([expect.objectContaining({
        path: 'poolSubnetPrefix', value: '10.0.0.0/28',
        message: 'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 20 nodes (every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter',
      })]);
    });

    test('in a /29 the private endpoints share the pool subnet and count too', () => {
      const { construct } = network({ addressSpace: '10.0.0.0/29' });
      expect(checkMessages(withPools(construct, [1]))).toEqual([
        'addressSpace "10.0.0.0/29" leaves 3 addresses in the pool subnet 10.0.0.0/29 (8 minus the 5 Azure reserves), but the pools attached need 2 nodes and the 3 private endpoints that share it ' +
          '(every node, plus the largest pool again for a replacement); use an addressSpace of /28 or shorter (the pool subnet is its first half)',
      ]);
    });

    test('only the pools attached to a network count against it', () => {
      const stack = newStack();
      const big = new BatchNetwork(stack, 'Big', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16' });
      const small = new BatchNetwork(stack, 'Small', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.20.0.0/26' });
      withPools(big, [{ maxNodes: 500, containers: false, id: 'BigPool' }]);
      withPools(small, [{ maxNodes: 20, containers: false, id: 'SmallPool' }]);
      expect(collectProblems(stack).map((problem) => [problem.constructPath, problem.message])).toEqual([
        ['test/Small', expect.stringContaining('but the pools attached need 40 nodes')],
      ]);
    });

    test('following the address-space hint fits the pools; one prefix longer does not', () => {
      for (const maxNodes of [1, 2, 3, 6, 12, 14, 30, 100, 500]) {
        const hint = (prefix: number) => {
          const messages = checkMessages(withPools(network({ addressSpace: `10.0.0.0/${prefix}` }).construct, [maxNodes]));
          if (messages.length === 0) return undefined;
          return Number(/use an addressSpace of \/(\d+) or shorter/.exec(messages[0])![1]);
        };
        const suggested = hint(29);
        expect(suggested).toBeDefined();
        expect([maxNodes, hint(suggested!)]).toEqual([maxNodes, undefined]);
        expect([maxNodes, hint(suggested! + 1)]).toEqual([maxNodes, suggested]);
      }
    });

    test('following the prefix-length hint of an explicit pool subnet fits the pools; one prefix longer does not', () => {
      // One node (two with its replacement) fits a /29's 3 addresses: no hint to follow.
      expect(checkMessages(withPools(network({ addressSpace: '10.0.0.0/16', poolSubnetPrefix: '10.0.0.0/29' }).construct, [1]))).toEqual([]);
      for (const maxNodes of [2, 5, 6, 13, 14, 60, 61]) {
        const hint = (prefix: number) => {
          const messages = checkMessages(withPools(network({ addressSpace: '10.0.0.0/16', poolSubnetPrefix: `10.0.0.0/${prefix}` }).construct, [maxNodes]));
          if (messages.length === 0) return undefined;
          return Number(/use a prefix length of \/(\d+) or shorter/.exec(messages[0])![1]);
        };
        const suggested = hint(29);
        expect(suggested).toBeDefined();
        expect([maxNodes, hint(suggested!)]).toEqual([maxNodes, undefined]);
        expect([maxNodes, hint(suggested! + 1)]).toEqual([maxNodes, suggested]);
      }
    });

    test('SimplifiedPools attach themselves: an account, its storage and two pools that overflow a /26 fail, in a /25 they synthesize', () => {
      const build = (addressSpace: string) => {
        const stack = newStack();
        const net = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace, baseName: 'x' });
        const storageAccount = new PairedStorageAccount(stack, 'Storage', { region: eastus, resourceGroupName: 'rg', network: net, namePrefix: 'x' });
        const account = new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, network: net, namePrefix: 'x' });
        new SimplifiedPool(stack, 'Render', { account, network: net, name: 'render', vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: 20 }) });
        new SimplifiedPool(stack, 'Web', {
          account, network: net, name: 'web', vmSize: 'Standard_D4s_v5',
          scale: PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 1;', maxNodes: 15 }),
        });
        return stack;
      };
      // 20 + 15 nodes and 20 again for replacing the larger pool: 55, more than a /27's 27 and less than a /26's 59.
      expect(collectProblems(build('10.10.0.0/26'))).toEqual([expect.objectContaining({
        subject: 'BatchNetwork', constructPath: 'test/Network', path: 'addressSpace', value: '10.10.0.0/26',
        message: expect.stringContaining('leaves 27 addresses in the pool subnet 10.10.0.0/27 (32 minus the 5 Azure reserves), but the pools attached need 55 nodes'),
      })]);
      expect(resourcesOf(synth(build('10.10.0.0/25')), 'azurerm_batch_pool').map((pool) => pool.display_name)).toEqual(['render', 'web']);
    });
  });

  describe('the pools attached: Docker\'s bridge', () => {
    const onBridge = { addressSpace: '172.16.0.0/12' };

    test('a container pool in a VNet overlapping 172.17.0.0/16 fails at synth, naming the pool', () => {
      const { construct } = network(onBridge);
      const stack = withPools(construct, [{ maxNodes: 4, containers: true, id: 'Web' }]);
      const message = 'puts 172.16.0.0/12 in the VNet of container pool Web, and it overlaps Docker\'s default bridge 172.17.0.0/16, which every container node creates; ' +
        'choose a range outside it, e.g. "10.10.0.0/16"';
      expect(collectProblems(stack)).toEqual([{ subject: 'BatchNetwork', constructPath: 'test/Network', path: 'addressSpace', value: '172.16.0.0/12', message }]);
      expect(() => Testing.synth(stack, true)).toThrow(`BatchNetwork test/Network: addressSpace "172.16.0.0/12" ${message}`);
    });

    test('several container pools are all named; pools without containers are not', () => {
      const { construct } = network(onBridge);
      const stack = withPools(construct, [
        { maxNodes: 4, containers: true, id: 'Web' }, { maxNodes: 4, containers: false, id: 'Batch' }, { maxNodes: 4, containers: true, id: 'Api' },
      ]);
      expect(collectProblems(stack).map((problem) => problem.message)).toEqual([expect.stringContaining('in the VNet of container pools Web, Api, and it overlaps')]);
    });

    test('the bridge is not checked unless a container pool is attached', () => {
      const { stack } = network(onBridge);
      expect(collectProblems(stack)).toEqual([]);
      const withoutContainers = network(onBridge).construct;
      expect(() => Testing.synth(withPools(withoutContainers, [{ maxNodes: 4, containers: false, id: 'Batch' }]), true)).not.toThrow();
    });

    test('a container pool outside the bridge passes, next to it too', () => {
      for (const addressSpace of ['10.10.0.0/16', '172.16.0.0/16', '172.18.0.0/16']) {
        const { construct } = network({ addressSpace });
        expect([addressSpace, collectProblems(withPools(construct, [{ maxNodes: 4, containers: true, id: 'Web' }]))]).toEqual([addressSpace, []]);
      }
    });

    test('with the address space known only at deploy time, the pool subnet\'s block is checked', () => {
      const build = (poolSubnetPrefix: string) => {
        const stack = newStack();
        const space = new TerraformVariable(stack, 'space', { type: 'string' });
        const construct = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: space.stringValue, poolSubnetPrefix });
        return withPools(construct, [{ maxNodes: 4, containers: true, id: 'Web' }]);
      };
      const onIt = build('172.17.0.0/24');
      expect(collectProblems(onIt)).toEqual([expect.objectContaining({
        path: 'poolSubnetPrefix', value: '172.17.0.0/24', message: expect.stringContaining('puts 172.17.0.0/24 in the VNet of container pool Web'),
      })]);
      const offIt = build('10.10.0.0/24');
      expect(collectProblems(offIt)).toEqual([]);
      expect(warningsOf(offIt)).toEqual([]);
    });

    test('a SimplifiedPool with containers attaches itself as a container pool', () => {
      const build = (container: boolean) => {
        const { stack, construct } = network(onBridge);
        const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
        new SimplifiedPool(stack, 'Web', {
          account, network: construct, name: 'web', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC,
          ...(container ? { container: {} } : {}),
        });
        return stack;
      };
      expect(collectProblems(build(true))).toEqual([expect.objectContaining({ path: 'addressSpace', message: expect.stringContaining('container pool Web') })]);
      expect(() => synth(build(false))).not.toThrow();
    });
  });
});

describe('BatchNetwork.addressSpacesOverlap', () => {
  test.each<[string, string, boolean | undefined]>([
    ['10.10.0.0/16', '10.10.128.0/17', true],
    ['10.10.0.0/16', '10.11.0.0/16', false],
    ['10.0.0.0/8', '10.255.255.248/29', true],
    ['10.10.0.0/16', '10.10.0.0/33', undefined],
    ['10.10.1.0/16', '10.20.0.0/16', undefined],
  ])('%s and %s: %s', (a, b, overlap) => {
    expect(BatchNetwork.addressSpacesOverlap(a, b)).toBe(overlap);
    expect(BatchNetwork.addressSpacesOverlap(b, a)).toBe(overlap);
  });
});

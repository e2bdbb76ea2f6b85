import { Egress } from '../../lib/network/egress';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { SubnetImportProps, VirtualNetworkImportProps } from '../../lib/network/imported-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Peer } from '../../lib/network/peer';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { attachPool } from '../../lib/private/attachments';
import { collectProblems, ValidationError } from '../../lib/private/problems';
import { errorOf, newStack, resolved, resourcesOf, ruleShapes, synth, warningsOf } from '../helpers';

const eastus = AzureRegion.of('eastus');
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-batch';
const VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const NSG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.Network/networkSecurityGroups/nsg-batch';
const NEW_NSG_WARNING = '[NSG] a new NSG is associated with a subnet that exists: the deploy fails if the subnet already has one, as every subnet has where policy denies subnets without one; give networkSecurityGroupId to add the rules to the subnet\'s NSG instead';
const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso';

function subnet(props: Partial<SubnetImportProps> = {}, subnetId = SUBNET_ID) {
  const stack = newStack();
  const construct = BatchNetwork.fromSubnetId(stack, 'Network', subnetId, { region: eastus, ...props });
  return { stack, construct };
}

function inVnet(props: Partial<VirtualNetworkImportProps> = {}, vnetId = VNET_ID) {
  const stack = newStack();
  const construct = BatchNetwork.fromVirtualNetworkId(stack, 'Network', vnetId, { region: eastus, resourceGroupName: 'rg-batch', poolSubnetPrefix: '10.50.4.0/22', ...props });
  return { stack, construct };
}

/** Places a pool of `maxNodes` in `network`, as SimplifiedPool does. */
function attach(network: IBatchNetwork, maxNodes: number, containers = false, id = 'Pool') {
  attachPool(network, { pool: new Construct(TerraformStack.of(network), id), maxNodes, containers });
  return TerraformStack.of(network);
}

/** The info annotations attached to `stack` and everything below it. */
function infosOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((entry) => entry.type === '@cdktf/info').map((entry) => String(entry.data));
}

describe('BatchNetwork.fromSubnetId', () => {
  test('without an NSG id, a new NSG in the subnet\'s resource group is associated with the subnet; no VNet or subnet is created', () => {
    const { stack, construct } = subnet({ addressPrefix: '10.50.4.0/22' });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_subnet')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([{
      name: expect.stringMatching(/^nsg-test-network-[0-9a-f]{8}-pool$/), location: 'eastus', resource_group_name: 'rg-net',
    }]);
    const nsgRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{azurerm_network_security_group\\.Network_NetworkSecurityGroup_[A-F0-9]+\\.${attribute}\\}$`));
    expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([{ subnet_id: SUBNET_ID, network_security_group_id: nsgRef('id') }]);
    expect(resourcesOf(json, 'azurerm_network_security_rule')).toEqual([expect.objectContaining({
      name: 'Allow-Out-BatchNodeManagement.EastUS-Any-443', network_security_group_name: nsgRef('name'), resource_group_name: 'rg-net',
    })]);
    expect(construct.networkSecurityGroup).toBeDefined();
    expect(resolved(stack, construct.networkSecurityGroupId)).toBe(resolved(stack, construct.networkSecurityGroup!.id));
    expect(construct.nodeReadiness.map((resource) => resolved(stack, resource.fqn))).toEqual([
      expect.stringMatching(/^\$\{azurerm_subnet_network_security_group_association\.Network_NetworkSecurityGroupAssociation_[A-F0-9]+\}$/),
      expect.stringMatching(/^\$\{azurerm_network_security_rule\.Network_Rules_/),
    ]);
  });

  test('the subnet, its VNet and the endpoints\' subnet are the given subnet\'s', () => {
    const { construct } = subnet({ addressPrefix: '10.50.4.0/22' });
    expect({
      subnetId: construct.subnetId, virtualNetworkId: construct.virtualNetworkId, privateEndpointSubnetId: construct.privateEndpointSubnetId,
      subnetPrefix: construct.subnetPrefix, privateEndpointSubnetPrefix: construct.privateEndpointSubnetPrefix,
    }).toEqual({
      subnetId: SUBNET_ID, virtualNetworkId: VNET_ID, privateEndpointSubnetId: SUBNET_ID,
      subnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.4.0/22',
    });
    const unknown = subnet().construct;
    expect([unknown.subnetPrefix, unknown.privateEndpointSubnetPrefix]).toEqual([undefined, undefined]);
  });

  test('a new NSG takes the resource group, name and tags given', () => {
    const { stack } = subnet({ resourceGroupName: 'rg-batch', networkSecurityGroupName: 'nsg-pool', tags: { team: 'render' } });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([{ name: 'nsg-pool', location: 'eastus', resource_group_name: 'rg-batch', tags: { team: 'render' } }]);
    expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.resource_group_name)).toEqual(['rg-batch']);
  });

  test('with an NSG id, the rules land in that NSG; no NSG or association is created', () => {
    const { stack, construct } = subnet({
      networkSecurityGroupId: NSG_ID, firstPriority: 1000, ruleSet: NodeCommunicationRuleSet.UNION,
      rules: [NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443))],
    });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([]);
    const rules = resourcesOf(json, 'azurerm_network_security_rule');
    expect(rules.map((rule) => [rule.network_security_group_name, rule.resource_group_name])).toEqual([
      ['nsg-batch', 'rg-sec'], ['nsg-batch', 'rg-sec'], ['nsg-batch', 'rg-sec'], ['nsg-batch', 'rg-sec'],
    ]);
    expect(ruleShapes(json).map((rule) => `${rule.direction} ${rule.peer} ${rule.priority}`)).toEqual([
      'Inbound BatchNodeManagement.EastUS 1000',
      'Outbound BatchNodeManagement.EastUS 1000',
      'Outbound Storage.EastUS 1020',
      'Outbound AzureContainerRegistry.EastUS 1100',
    ]);
    expect(construct.networkSecurityGroupId).toBe(NSG_ID);
    expect(construct.networkSecurityGroup).toBeUndefined();
    // Only the rules: the association is the owner's.
    expect(construct.nodeReadiness.map((resource) => resolved(stack, resource.fqn))).toEqual(
      rules.map(() => expect.stringMatching(/^\$\{azurerm_network_security_rule\.Network_Rules_/)),
    );
  });

  test('rules added later land in the given NSG too', () => {
    const { stack, construct } = subnet({ networkSecurityGroupId: NSG_ID });
    construct.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureMonitor'), Port.tcp(443)));
    expect(resourcesOf(synth(stack), 'azurerm_network_security_rule').map((rule) => [rule.name, rule.network_security_group_name, rule.priority])).toEqual([
      ['Allow-Out-AzureMonitor-Tcp-443', 'nsg-batch', 200],
      ['Allow-Out-BatchNodeManagement.EastUS-Any-443', 'nsg-batch', 100],
    ]);
  });

  test('a networkSecurityGroupName together with a networkSecurityGroupId is refused', () => {
    const stack = newStack();
    let error: unknown;
    try {
      BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, { region: eastus, networkSecurityGroupId: NSG_ID, networkSecurityGroupName: 'nsg-x' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{
      subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'networkSecurityGroupName', value: 'nsg-x',
      message: 'names a new NSG, but networkSecurityGroupId gives one that exists; remove one of them',
    }]);
    expect((error as Error).message).toBe(
      'BatchNetwork.fromSubnetId test/Network: networkSecurityGroupName "nsg-x" names a new NSG, but networkSecurityGroupId gives one that exists; remove one of them',
    );
    expect(stack.node.findAll().filter((c) => c.node.path.startsWith('test/Network/'))).toEqual([]);
  });

  test('tags together with a networkSecurityGroupId are refused: nothing would carry them', () => {
    expect(errorOf(() => BatchNetwork.fromSubnetId(newStack(), 'Network', SUBNET_ID, { region: eastus, networkSecurityGroupId: NSG_ID, tags: { team: 'hpc' } }))).toBe(
      'BatchNetwork.fromSubnetId test/Network: tags {"team":"hpc"} apply to what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove them',
    );
  });

  test('a resourceGroupName for a new NSG together with a networkSecurityGroupId is refused', () => {
    expect(errorOf(() => BatchNetwork.fromSubnetId(newStack(), 'Network', SUBNET_ID, { region: eastus, networkSecurityGroupId: NSG_ID, resourceGroupName: 'rg-other' }))).toBe(
      'BatchNetwork.fromSubnetId test/Network: resourceGroupName "rg-other" places what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove one of them',
    );
  });

  test('restrictOutbound keeps the subnet itself reachable on 443 when its prefix is known, else only denies', () => {
    const known = ruleShapes(synth(subnet({ addressPrefix: '10.50.4.0/22', restrictOutbound: true }).stack));
    expect(known.filter((rule) => Number(rule.priority) >= 4095)).toEqual([
      { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.50.4.0/22', priority: 4095 },
      { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '*', priority: 4096 },
    ]);
    const unknown = ruleShapes(synth(subnet({ restrictOutbound: true }).stack));
    expect(unknown.filter((rule) => Number(rule.priority) >= 4095)).toEqual([
      { direction: 'Outbound', access: 'Deny', protocol: '*', ports: '*', peer: '*', priority: 4096 },
    ]);
  });

  test('a subnet id known only at deploy time is split by Terraform', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'subnet', { type: 'string' });
    const construct = BatchNetwork.fromSubnetId(stack, 'Network', id.stringValue, { region: eastus });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_network_security_group')[0].resource_group_name).toBe('${element(split("/", var.subnet), 4)}');
    expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')[0].subnet_id).toBe('${var.subnet}');
    expect(resolved(stack, construct.virtualNetworkId)).toBe('${join("/", slice(split("/", var.subnet), 0, 9))}');
  });

  test('without addressPrefix, an info says the size and Docker checks do not run; with it, nothing is said', () => {
    expect(infosOf(subnet().stack)).toEqual([
      'addressPrefix is not given, so the subnet\'s size and its overlap with Docker\'s bridge are not checked against the pools placed in it; give the prefix to check them',
    ]);
    expect(infosOf(subnet({ addressPrefix: '10.50.4.0/22' }).stack)).toEqual([]);
  });

  describe('validation', () => {
    test.each<[string, Partial<SubnetImportProps>, string, string]>([
      ['a VNet id as subnet id', {}, VNET_ID,
        `subnetId "${VNET_ID}" is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`],
      ['a bad NSG id', { networkSecurityGroupId: 'nsg-batch' }, SUBNET_ID,
        'networkSecurityGroupId "nsg-batch" is not a network security group resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>'],
      ['a malformed prefix', { addressPrefix: '10.50.4.0' }, SUBNET_ID,
        'addressPrefix "10.50.4.0" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
      ['a prefix below Azure\'s smallest subnet', { addressPrefix: '10.50.4.0/30' }, SUBNET_ID,
        'addressPrefix "10.50.4.0/30" is smaller than Azure\'s smallest subnet; use a prefix length of /29 or shorter'],
      ['a bad resource group name', { resourceGroupName: 'rg.' }, SUBNET_ID,
        'resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period'],
      // azurerm refuses the NAT gateway's name at plan (network/validate/nat_gateway_name.go at v4.55.0).
      ['a stem whose NAT gateway name ends with a period', { baseName: 'contoso.', egress: Egress.natGateway(), resourceGroupName: 'rg-batch' }, SUBNET_ID,
        'baseName "contoso." gives the NAT gateway the name "ng-contoso.", which is not a valid NAT gateway name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore; change baseName'],
      ['a bad NSG name', { networkSecurityGroupName: '-nsg' }, SUBNET_ID,
        'networkSecurityGroupName "-nsg" is not a valid network security group name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore'],
    ])('rejects %s', (_, props, subnetId, message) => {
      expect(errorOf(() => subnet(props, subnetId))).toBe(`BatchNetwork.fromSubnetId test/Network: ${message}`);
    });

    test('reports every problem at once', () => {
      expect(errorOf(() => subnet({ networkSecurityGroupId: 'nsg-batch', addressPrefix: 'banana' }, VNET_ID)).split('\n').map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
        'BatchNetwork.fromSubnetId test/Network: subnetId',
        'BatchNetwork.fromSubnetId test/Network: networkSecurityGroupId',
        'BatchNetwork.fromSubnetId test/Network: addressPrefix',
      ]);
    });
  });

  describe('the pools attached', () => {
    test('the subnet holds the pools\' nodes and the region\'s private endpoints, which share it', () => {
      // A /28 holds 11: 4 nodes, 4 for the replacement and the 3 endpoints fill it.
      expect(collectProblems(attach(subnet({ addressPrefix: '10.50.4.0/28' }).construct, 4))).toEqual([]);
      expect(collectProblems(attach(subnet({ addressPrefix: '10.50.4.0/28' }).construct, 5))).toEqual([{
        subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'addressPrefix', value: '10.50.4.0/28',
        message: 'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 10 nodes and the 3 private endpoints that share it ' +
          '(every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter',
      }]);
    });

    test('a capacity problem fails synth', () => {
      const stack = attach(subnet({ addressPrefix: '10.50.4.0/28' }).construct, 50);
      expect(() => Testing.synth(stack, true)).toThrow('BatchNetwork.fromSubnetId test/Network: addressPrefix "10.50.4.0/28" holds 11 addresses');
    });

    test('without addressPrefix, the size is not checked', () => {
      const stack = attach(subnet().construct, 1000);
      expect(collectProblems(stack)).toEqual([]);
      expect(warningsOf(stack)).toEqual([NEW_NSG_WARNING]);
    });

    // subnet_network_security_group_association_resource.go:92-97 at azurerm v4.55.0: the association
    // fails on a subnet that has an NSG already.
    test('a new NSG on the subnet is a warning; the subnet\'s own NSG is not', () => {
      expect(warningsOf(subnet().stack)).toEqual([NEW_NSG_WARNING]);
      expect(warningsOf(subnet({ networkSecurityGroupId: NSG_ID }).stack)).toEqual([]);
    });

    test('a container pool in a subnet on Docker\'s bridge fails; a pool without containers does not', () => {
      expect(collectProblems(attach(subnet({ addressPrefix: '172.17.4.0/24' }).construct, 4, true, 'Web'))).toEqual([{
        subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'addressPrefix', value: '172.17.4.0/24',
        message: 'puts 172.17.4.0/24 in the VNet of container pool Web, and it overlaps Docker\'s default bridge 172.17.0.0/16, which every container node creates; ' +
          'choose a range outside it, e.g. "10.10.0.0/16"',
      }]);
      expect(collectProblems(attach(subnet({ addressPrefix: '172.17.4.0/24' }).construct, 4, false, 'Batch'))).toEqual([]);
      expect(collectProblems(attach(subnet({ addressPrefix: '10.50.4.0/24' }).construct, 4, true, 'Web'))).toEqual([]);
    });

    test('without addressPrefix, a container pool gets a warning that the bridge is not checked', () => {
      const stack = attach(subnet().construct, 4, true, 'Web');
      expect(collectProblems(stack)).toEqual([]);
      expect(warningsOf(stack)).toEqual([
        NEW_NSG_WARNING,
        'the VNet\'s address blocks are not known at synth time, so their overlap with Docker\'s bridge 172.17.0.0/16 is not checked; give the pool subnet\'s prefix to check it',
        '[EGRESS] container pool Web pulls images at node start, but the imported subnet is declared with Egress.none() and the library cannot see another way out; declare the egress it has (Egress.natGateway(), Egress.throughHub(...), Egress.defaultOutbound()) or reach the registry through a private endpoint',
      ]);
      expect(warningsOf(attach(subnet().construct, 4, false, 'Batch'))).toEqual([NEW_NSG_WARNING]);
    });

    // Learn "Network security groups", "Azure platform considerations": no NSG filters Azure's DNS, but
    // Deny-Out-All cuts off DNS servers the imported VNet's owner set, which the library cannot see.
    describe('DNS under restrictOutbound', () => {
      const DNS_WARNING = '[DNS] restrictOutbound denies every DNS server but Azure\'s own (168.63.129.16, which NSGs do not filter unless a rule names AzurePlatformDNS): if the imported VNet uses DNS servers of its own, as a landing zone\'s that point to the hub do, nodes resolve no names, the Batch service\'s included; give the import its dnsServers ([] for Azure\'s), which are then allowed on port 53';
      const dnsWarnings = (stack: TerraformStack) => {
        expect(collectProblems(stack)).toEqual([]);
        return warningsOf(stack).filter((warning) => warning.startsWith('[DNS]'));
      };

      test('an imported subnet or VNet with pools and no DNS allow gets the warning', () => {
        expect(dnsWarnings(attach(subnet({ restrictOutbound: true, egress: Egress.natGateway() }).construct, 4))).toEqual([DNS_WARNING]);
        expect(dnsWarnings(attach(inVnet({ restrictOutbound: true }).construct, 4))).toEqual([DNS_WARNING]);
      });

      test('none with the hub\'s DNS servers, an allow of yours on 53, no restrictOutbound, no pools, or a VNet created here', () => {
        const hub = Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers: ['10.0.0.10'] });
        expect(dnsWarnings(attach(subnet({ restrictOutbound: true, egress: hub }).construct, 4))).toEqual([]);
        const own = subnet({ restrictOutbound: true, rules: [NetworkRule.allowOutbound(Peer.ipv4('10.0.0.53'), Port.udp(53))] });
        expect(dnsWarnings(attach(own.construct, 4))).toEqual([]);
        expect(dnsWarnings(attach(subnet().construct, 4))).toEqual([]);
        expect(dnsWarnings(subnet({ restrictOutbound: true }).stack)).toEqual([]);
        const stack = newStack();
        const created = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x', restrictOutbound: true });
        expect(dnsWarnings(attach(created, 4))).toEqual([]);
      });

      test('an MPI pool\'s allow of the pool subnet to itself neither hides this warning nor the one that the egress carries nothing', () => {
        const { stack, construct } = subnet({ restrictOutbound: true, egress: Egress.natGateway(), addressPrefix: '10.50.4.0/24' });
        const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
        new SimplifiedPool(stack, 'Pool', { account, network: construct, name: 'mpi', vmSize: 'Standard_D4s_v5', interNodeCommunication: true });
        expect(construct.rules.map((rule) => rule.name)).toContain('Allow-Out-10.50.4.0_24-Any-All');
        expect(dnsWarnings(stack)).toEqual([DNS_WARNING]);
        expect(warningsOf(stack).filter((warning) => warning.startsWith('[EGRESS] restrictOutbound denies every destination'))).toHaveLength(1);
      });

      test('the import\'s dnsServers are allowed on 53 under restrictOutbound, and [] (Azure\'s DNS) needs no rule; either way, no warning', () => {
        const custom = subnet({ restrictOutbound: true, dnsServers: ['10.0.0.10', '10.0.0.11'] });
        expect(dnsWarnings(attach(custom.construct, 4))).toEqual([]);
        expect(ruleShapes(synth(custom.stack)).filter((rule) => rule.ports === '53')).toEqual([
          { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '53', peer: '10.0.0.10/32', priority: expect.any(Number) },
          { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '53', peer: '10.0.0.11/32', priority: expect.any(Number) },
        ]);
        const azure = inVnet({ restrictOutbound: true, dnsServers: [] });
        expect(dnsWarnings(attach(azure.construct, 4))).toEqual([]);
        expect(ruleShapes(synth(azure.stack)).filter((rule) => rule.ports === '53')).toEqual([]);
        // Without restrictOutbound the default rules let DNS out: no rule.
        expect(ruleShapes(synth(subnet({ dnsServers: ['10.0.0.10'] }).stack)).filter((rule) => rule.ports === '53')).toEqual([]);
      });

      test('a DNS server that is no IPv4 address is refused, naming its place', () => {
        expect(errorOf(() => subnet({ dnsServers: ['10.0.0.0/24'] }))).toBe('BatchNetwork.fromSubnetId test/Network: dnsServers[0] "10.0.0.0/24" is not an IPv4 address; give one address, e.g. "10.0.1.4"');
      });

      test('an allow on TCP 53 alone is not enough: DNS queries go over UDP first (RFC 1035, 4.2)', () => {
        const tcpOnly = subnet({ restrictOutbound: true, rules: [NetworkRule.allowOutbound(Peer.ipv4('10.0.0.53'), Port.tcp(53))] });
        expect(dnsWarnings(attach(tcpOnly.construct, 4))).toEqual([DNS_WARNING]);
      });
    });

    test('a SimplifiedPool runs in the imported subnet, after the rules in the given NSG', () => {
      const { stack, construct } = subnet({ networkSecurityGroupId: NSG_ID, addressPrefix: '10.50.4.0/24' });
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
      new SimplifiedPool(stack, 'Pool', { account, network: construct, name: 'work', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container: {} });
      const pool = resourcesOf(synth(stack), 'azurerm_batch_pool')[0];
      expect(pool.network_configuration).toMatchObject({ subnet_id: SUBNET_ID });
      expect(pool.depends_on).toEqual([expect.stringMatching(/^azurerm_network_security_rule\.Network_Rules_Allow-Out-BatchNodeManagementEastUS-Any-443_/)]);
    });
  });
});

describe('BatchNetwork.fromVirtualNetworkId', () => {
  test('creates the pool subnet in the existing VNet\'s resource group and the NSG in the one given, associated with the subnet', () => {
    const { stack, construct } = inVnet({ baseName: 'x', tags: { team: 'render' } });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_subnet')).toEqual([{
      name: 'snet-x-pool', resource_group_name: 'rg-net', virtual_network_name: 'vnet-hub',
      address_prefixes: ['10.50.4.0/22'], default_outbound_access_enabled: false,
    }]);
    expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([{ name: 'nsg-x-pool', location: 'eastus', resource_group_name: 'rg-batch', tags: { team: 'render' } }]);
    expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([{
      subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/),
      network_security_group_id: expect.stringMatching(/^\$\{azurerm_network_security_group\.Network_NetworkSecurityGroup_[A-F0-9]+\.id\}$/),
    }]);
    expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.resource_group_name)).toEqual(['rg-batch']);
    expect(construct.virtualNetworkId).toBe(VNET_ID);
    expect(construct.subnetPrefix).toBe('10.50.4.0/22');
  });

  test('without an endpoint prefix, private endpoints go into the pool subnet', () => {
    const { stack, construct } = inVnet();
    expect(resolved(stack, construct.privateEndpointSubnetId)).toBe(resolved(stack, construct.subnetId));
    expect(construct.privateEndpointSubnetPrefix).toBe('10.50.4.0/22');
  });

  test('an endpoint prefix gets a subnet of its own, associated with the NSG too', () => {
    const { stack, construct } = inVnet({ baseName: 'x', privateEndpointSubnetPrefix: '10.50.8.0/27', subnetName: 'snet-work', egress: Egress.defaultOutbound() });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_subnet').map((s) => [s.name, s.address_prefixes, s.default_outbound_access_enabled, s.virtual_network_name])).toEqual([
      ['snet-x-endpoints', ['10.50.8.0/27'], false, 'vnet-hub'],
      ['snet-work', ['10.50.4.0/22'], true, 'vnet-hub'],
    ]);
    expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id)).toEqual([
      expect.stringMatching(/^\$\{azurerm_subnet\.Network_EndpointSubnet_[A-F0-9]+\.id\}$/),
      expect.stringMatching(/^\$\{azurerm_subnet\.Network_PoolSubnet_[A-F0-9]+\.id\}$/),
    ]);
    expect(construct.privateEndpointSubnetPrefix).toBe('10.50.8.0/27');
    const rules = ruleShapes(synth(inVnet({ privateEndpointSubnetPrefix: '10.50.8.0/27', restrictOutbound: true }).stack));
    expect(rules.find((rule) => rule.priority === 4095)).toMatchObject({ access: 'Allow', peer: '10.50.8.0/27', ports: '443' });
  });

  test('a VNet id known only at deploy time is split by Terraform', () => {
    const stack = newStack();
    const hub = new BatchNetwork(stack, 'Hub', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.60.0.0/16' });
    BatchNetwork.fromVirtualNetworkId(stack, 'Network', hub.virtualNetworkId, { region: eastus, resourceGroupName: 'rg', poolSubnetPrefix: '10.60.200.0/24' });
    const created = resourcesOf(synth(stack), 'azurerm_subnet').find((s) => (s.address_prefixes as string[])[0] === '10.60.200.0/24')!;
    expect(created.virtual_network_name).toMatch(/^\$\{element\(split\("\/", azurerm_virtual_network\.Hub_[A-F0-9]+\.id\), 8\)\}$/);
    expect(created.resource_group_name).toMatch(/^\$\{element\(split\("\/", azurerm_virtual_network\.Hub_[A-F0-9]+\.id\), 4\)\}$/);
  });

  describe('validation', () => {
    test.each<[string, Partial<VirtualNetworkImportProps>, string, string]>([
      ['a subnet id as VNet id', {}, SUBNET_ID,
        `virtualNetworkId "${SUBNET_ID}" is not a virtual network resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>`],
      ['a stem whose NAT gateway name ends with a hyphen', { baseName: 'contoso-', egress: Egress.natGateway() }, VNET_ID,
        'baseName "contoso-" gives the NAT gateway the name "ng-contoso-", which is not a valid NAT gateway name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore; change baseName'],
      ['a subnet outside the VNet', { addressSpace: ['10.1.0.0/16'], poolSubnetPrefix: '10.2.0.0/24' }, VNET_ID,
        'poolSubnetPrefix "10.2.0.0/24" is outside the VNet\'s address space (10.1.0.0/16); choose a block inside it'],
      ['a subnet below Azure\'s smallest', { poolSubnetPrefix: '10.50.4.0/30' }, VNET_ID,
        'poolSubnetPrefix "10.50.4.0/30" is smaller than Azure\'s smallest subnet; use a prefix length of /29 or shorter'],
      ['a malformed address space', { addressSpace: ['10.50.0.0/16', '10.60.0.0'] }, VNET_ID,
        'addressSpace[1] "10.60.0.0" is not an IPv4 CIDR block; write it as <a.b.c.d>/<prefix length>, e.g. "10.10.0.0/16"'],
      ['an endpoint subnet overlapping the pool subnet', { privateEndpointSubnetPrefix: '10.50.5.0/27' }, VNET_ID,
        'privateEndpointSubnetPrefix "10.50.5.0/27" overlaps the pool subnet 10.50.4.0/22; choose a block outside it'],
      ['an endpoint subnet outside the VNet', { addressSpace: ['10.50.0.0/16'], privateEndpointSubnetPrefix: '10.9.0.0/27' }, VNET_ID,
        'privateEndpointSubnetPrefix "10.9.0.0/27" is outside the VNet\'s address space (10.50.0.0/16); choose a block inside it'],
      ['a bad resource group name', { resourceGroupName: 'rg.' }, VNET_ID,
        'resourceGroupName "rg." is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period'],
      ['a bad subnet name', { subnetName: '-pool' }, VNET_ID,
        'subnetName "-pool" is not a valid subnet name: use 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore'],
    ])('rejects %s', (_, props, vnetId, message) => {
      expect(errorOf(() => inVnet(props, vnetId))).toBe(`BatchNetwork.fromVirtualNetworkId test/Network: ${message}`);
    });

    test('a subnet inside any one of several address prefixes is fine', () => {
      expect(() => inVnet({ addressSpace: ['10.40.0.0/16', '10.50.0.0/16'] })).not.toThrow();
    });
  });

  describe('the pools attached', () => {
    test('the pool subnet holds the nodes, and the endpoints when they share it', () => {
      // A /28 holds 11.
      expect(collectProblems(attach(inVnet({ poolSubnetPrefix: '10.50.4.0/28', privateEndpointSubnetPrefix: '10.50.8.0/27' }).construct, 5))).toEqual([]);
      expect(collectProblems(attach(inVnet({ poolSubnetPrefix: '10.50.4.0/28' }).construct, 5))).toEqual([{
        subject: 'BatchNetwork.fromVirtualNetworkId', constructPath: 'test/Network', path: 'poolSubnetPrefix', value: '10.50.4.0/28',
        message: 'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 10 nodes and the 3 private endpoints that share it ' +
          '(every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter',
      }]);
      expect(collectProblems(attach(inVnet({ poolSubnetPrefix: '10.50.4.0/28', privateEndpointSubnetPrefix: '10.50.8.0/27' }).construct, 6)))
        .toEqual([expect.objectContaining({ message: expect.stringContaining('need 12 nodes (every node') })]);
    });

    test('a container pool: every address prefix of the VNet is checked against Docker\'s bridge', () => {
      const { construct } = inVnet({ addressSpace: ['10.50.0.0/16', '172.16.0.0/12'] });
      expect(collectProblems(attach(construct, 4, true, 'Web'))).toEqual([expect.objectContaining({
        subject: 'BatchNetwork.fromVirtualNetworkId', path: 'addressSpace[1]', value: '172.16.0.0/12', message: expect.stringContaining('puts 172.16.0.0/12 in the VNet of container pool Web'),
      })]);
      expect(collectProblems(attach(inVnet({ addressSpace: ['10.50.0.0/16', '172.16.0.0/12'] }).construct, 4, false, 'Batch'))).toEqual([]);
    });

    test('without the address space, the subnets created are checked against Docker\'s bridge', () => {
      const onPool = attach(inVnet({ poolSubnetPrefix: '172.17.4.0/24' }).construct, 4, true, 'Web');
      expect(collectProblems(onPool).map((problem) => [problem.path, problem.value])).toEqual([['poolSubnetPrefix', '172.17.4.0/24']]);
      const onEndpoints = attach(inVnet({ privateEndpointSubnetPrefix: '172.17.0.0/27' }).construct, 4, true, 'Web');
      expect(collectProblems(onEndpoints).map((problem) => [problem.path, problem.value])).toEqual([['privateEndpointSubnetPrefix', '172.17.0.0/27']]);
      const off = attach(inVnet({ privateEndpointSubnetPrefix: '10.50.8.0/27' }).construct, 4, true, 'Web');
      expect(collectProblems(off)).toEqual([]);
      expect(warningsOf(off)).toEqual([]);
    });
  });
});

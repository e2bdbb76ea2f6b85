import { TerraformStack, TerraformVariable } from 'cdktf';
import { BatchSubresource, RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { PairedStorageAccount } from '../../lib/storage/paired-storage-account';
import { ContainerRegistryEndpoint } from '../../lib/network/container-registry-endpoint';
import { Egress } from '../../lib/network/egress';
import type { SubnetImportProps } from '../../lib/network/imported-network';
import { NetworkRule } from '../../lib/network/network-rule';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { Peer } from '../../lib/network/peer';
import type { PoolNetworkOptions } from '../../lib/network/pool-network';
import { Port } from '../../lib/network/port';
import { ServiceTag } from '../../lib/network/service-tag';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { batchFixture, newStack, problemsOf, resolved, resourcesOf, ruleShapes, synth, SynthesizedStack, warningsOf } from '../helpers';

const eastus = AzureRegion.of('eastus');
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const VNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
const SUBNET_ID = `${VNET_ID}/subnets/snet-batch`;
const ENDPOINT_SUBNET_ID = `${VNET_ID}/subnets/snet-endpoints`;
const OTHER_VNET_SUBNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/snet-endpoints`;
const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-sec/providers/Microsoft.Network/networkSecurityGroups/nsg-batch`;
const ROUTE_TABLE_ID = `${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-hub`;
const ACCOUNT_ID = `${SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso`;
const BNM_EASTUS = 'BatchNodeManagement.EastUS';

const toAppliance = (dnsServers?: string[]) => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', dnsServers });
const toHubTable = (dnsServers?: string[]) => Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, dnsServers });

/** A way to get a network of pools, and where its subnets and the egress's resources are. */
interface NetworkKind {
  readonly name: string;
  readonly make: (stack: TerraformStack, options?: Partial<PoolNetworkOptions>) => IBatchNetwork;
  /** Whether the pool subnet is created in the stack. */
  readonly subnetCreated: boolean;
  /** Resource group of the NAT gateway or route table it creates. */
  readonly egressResourceGroup: string;
  /** The pool subnet's id as the synthesized stack writes it. */
  readonly poolSubnet: (json: SynthesizedStack) => string;
  /** The endpoint subnet's id as the synthesized stack writes it. */
  readonly endpointSubnet: (json: SynthesizedStack) => string;
}

const NETWORKS: NetworkKind[] = [
  {
    name: 'BatchNetwork',
    make: (stack, options = {}) => new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg-batch', addressSpace: '10.10.0.0/16', baseName: 'contoso', ...options }),
    subnetCreated: true,
    egressResourceGroup: 'rg-batch',
    poolSubnet: (json) => refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-pool'),
    endpointSubnet: (json) => refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-endpoints'),
  },
  {
    name: 'BatchNetwork.fromVirtualNetworkId',
    make: (stack, options = {}) => BatchNetwork.fromVirtualNetworkId(stack, 'Network', VNET_ID, {
      region: eastus, resourceGroupName: 'rg-batch', poolSubnetPrefix: '10.50.4.0/22', privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso', ...options,
    }),
    subnetCreated: true,
    egressResourceGroup: 'rg-batch',
    poolSubnet: (json) => refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-pool'),
    endpointSubnet: (json) => refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-endpoints'),
  },
  {
    name: 'BatchNetwork.fromSubnetId',
    make: (stack, options = {}) => BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, {
      region: eastus, addressPrefix: '10.50.4.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso', ...options,
    }),
    subnetCreated: false,
    // The subnet's resource group, from its id.
    egressResourceGroup: 'rg-net',
    poolSubnet: () => SUBNET_ID,
    endpointSubnet: () => ENDPOINT_SUBNET_ID,
  },
];

/** The one resource of `type` matching `where`, as a Terraform reference to its `attribute`. */
function refOf(json: SynthesizedStack, type: string, where: (body: Record<string, unknown>) => boolean = () => true, attribute = 'id'): string {
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([, body]) => where(body));
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  return '${' + `${type}.${matches[0][0]}.${attribute}` + '}';
}

/** The addresses (`type.logical_id`) of every resource of `type`, as `depends_on` writes them. */
function addressesOf(json: SynthesizedStack, type: string): string[] {
  return Object.keys(json.resource?.[type] ?? {}).map((id) => `${type}.${id}`);
}

/** The routes for BatchNodeManagement tags. */
function nodeManagementRoutes(json: SynthesizedStack) {
  return resourcesOf(json, 'azurerm_route').filter((route) => String(route.address_prefix).startsWith('BatchNodeManagement'));
}


/** A pool in `network`, of an account that exists. */
function poolIn(network: IBatchNetwork, container = false): SimplifiedPool {
  const stack = TerraformStack.of(network);
  const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
  return new SimplifiedPool(stack, 'Pool', {
    account, network, name: 'work', vmSize: 'Standard_D4s_v5', ...(container ? { image: PoolImage.UBUNTU_2404_HPC, container: {} } : {}),
  });
}

/** The pool's warnings that its imported account (poolIn's) may lack a nodeManagement endpoint, tested on their own below. */
const IMPORTED_ACCOUNT = ['[EGRESS] the account is imported', '[EGRESS] the network has no way out (Egress.none()), and the library sees no nodeManagement private endpoint'];

/** The [EGRESS] warnings of the synthesized stack about the network. */
function egressWarnings(stack: TerraformStack): string[] {
  synth(stack);
  return warningsOf(stack).filter((warning) => warning.startsWith('[EGRESS]') && !IMPORTED_ACCOUNT.some((start) => warning.startsWith(start)));
}

describe('PoolEgress', () => {
  describe.each(NETWORKS)('a NAT gateway for $name', (kind) => {
    test('ng-<baseName>, Standard, with its idle timeout and no zone unless given; N Standard static IPv4 addresses, each associated', () => {
      const stack = newStack();
      kind.make(stack, { egress: Egress.natGateway({ publicIpCount: 3, idleTimeoutMinutes: 10 }) });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_nat_gateway')).toEqual([{
        name: 'ng-contoso', location: 'eastus', resource_group_name: kind.egressResourceGroup, sku_name: 'Standard', idle_timeout_in_minutes: 10,
      }]);
      expect(resourcesOf(json, 'azurerm_public_ip')).toEqual([1, 2, 3].map((n) => ({
        name: `pip-contoso-ng-${n}`, location: 'eastus', resource_group_name: kind.egressResourceGroup, sku: 'Standard', allocation_method: 'Static', ip_version: 'IPv4',
      })));
      const natGatewayId = refOf(json, 'azurerm_nat_gateway');
      const ipIds = [1, 2, 3].map((n) => refOf(json, 'azurerm_public_ip', (ip) => ip.name === `pip-contoso-ng-${n}`));
      const ipAssociations = resourcesOf(json, 'azurerm_nat_gateway_public_ip_association');
      expect(ipAssociations).toHaveLength(3);
      expect(ipAssociations.map((association) => association.nat_gateway_id)).toEqual([natGatewayId, natGatewayId, natGatewayId]);
      expect(ipAssociations.map((association) => association.public_ip_address_id).sort()).toEqual([...ipIds].sort());
    });

    test('the gateway is associated with the pool subnet, not the endpoint subnet', () => {
      const stack = newStack();
      kind.make(stack, { egress: Egress.natGateway() });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([{ subnet_id: kind.poolSubnet(json), nat_gateway_id: refOf(json, 'azurerm_nat_gateway') }]);
      expect(kind.poolSubnet(json)).not.toBe(kind.endpointSubnet(json));
      expect(resourcesOf(json, 'azurerm_public_ip')).toHaveLength(1);
      expect(resourcesOf(json, 'azurerm_nat_gateway')[0].idle_timeout_in_minutes).toBe(4);
    });

    test('a zonal gateway and its IPs are in the zone given', () => {
      const stack = newStack();
      kind.make(stack, { egress: Egress.natGateway({ publicIpCount: 2, zone: '2' }) });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_nat_gateway').map((gateway) => gateway.zones)).toEqual([['2']]);
      expect(resourcesOf(json, 'azurerm_public_ip').map((ip) => ip.zones)).toEqual([['2'], ['2']]);
    });

    test('no route table and no route, whatever the rule set', () => {
      const stack = newStack();
      kind.make(stack, { egress: Egress.natGateway(), ruleSet: NodeCommunicationRuleSet.UNION });
      const json = synth(stack);
      expect([resourcesOf(json, 'azurerm_route_table'), resourcesOf(json, 'azurerm_route'), resourcesOf(json, 'azurerm_subnet_route_table_association')]).toEqual([[], [], []]);
    });
  });

  test('the NAT gateway and its IPs carry the network\'s tags', () => {
    const stack = newStack();
    NETWORKS[0].make(stack, { egress: Egress.natGateway(), tags: { team: 'render' } });
    const json = synth(stack);
    expect([...resourcesOf(json, 'azurerm_nat_gateway'), ...resourcesOf(json, 'azurerm_public_ip')].map((resource) => resource.tags)).toEqual([{ team: 'render' }, { team: 'render' }]);
  });

  test('BatchNetwork exposes the NAT gateway and its IPs, or the route table', () => {
    const stack = newStack();
    const nat = new BatchNetwork(stack, 'Nat', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'a', egress: Egress.natGateway({ publicIpCount: 2 }) });
    const hub = new BatchNetwork(stack, 'Hub', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.20.0.0/16', baseName: 'b', egress: toAppliance() });
    const none = new BatchNetwork(stack, 'None', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.30.0.0/16', baseName: 'c' });
    expect(resolved(stack, nat.natGateway!.fqn)).toMatch(/^\$\{azurerm_nat_gateway\.Nat_Egress_NatGateway_[A-F0-9]+\}$/);
    expect(nat.natGatewayPublicIps.map((ip) => resolved(stack, ip.fqn))).toEqual([
      expect.stringMatching(/^\$\{azurerm_public_ip\.Nat_Egress_PublicIp1_[A-F0-9]+\}$/),
      expect.stringMatching(/^\$\{azurerm_public_ip\.Nat_Egress_PublicIp2_[A-F0-9]+\}$/),
    ]);
    expect(nat.routeTable).toBeUndefined();
    expect(resolved(stack, hub.routeTable!.fqn)).toMatch(/^\$\{azurerm_route_table\.Hub_Egress_RouteTable_[A-F0-9]+\}$/);
    expect([hub.natGateway, hub.natGatewayPublicIps]).toEqual([undefined, []]);
    expect([none.natGateway, none.natGatewayPublicIps, none.routeTable]).toEqual([undefined, [], undefined]);
  });

  describe.each(NETWORKS)('a hub appliance as next hop, for $name', (kind) => {
    test('rt-<baseName>-pool with a 0.0.0.0/0 route to the appliance, associated with the pool subnet', () => {
      const stack = newStack();
      kind.make(stack, { egress: toAppliance(), tags: { team: 'render' } });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_route_table')).toEqual([{ name: 'rt-contoso-pool', location: 'eastus', resource_group_name: kind.egressResourceGroup, tags: { team: 'render' } }]);
      expect(resourcesOf(json, 'azurerm_route')).toEqual([{
        name: 'udr-default-to-hub', resource_group_name: kind.egressResourceGroup, route_table_name: refOf(json, 'azurerm_route_table', undefined, 'name'),
        address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.1.4',
      }]);
      expect(resourcesOf(json, 'azurerm_subnet_route_table_association')).toEqual([{ subnet_id: kind.poolSubnet(json), route_table_id: refOf(json, 'azurerm_route_table') }]);
      expect([resourcesOf(json, 'azurerm_nat_gateway'), resourcesOf(json, 'azurerm_public_ip')]).toEqual([[], []]);
    });
  });

  describe.each(NETWORKS)('a hub route table given by id, for $name', (kind) => {
    test(kind.subnetCreated
      ? 'the created pool subnet is associated with the given table; no table is created'
      : 'the imported subnet is taken to use the table already: nothing is associated or created', () => {
      const stack = newStack();
      kind.make(stack, { egress: toHubTable() });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_route_table')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_route')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_route_table_association')).toEqual(kind.subnetCreated ? [{ subnet_id: kind.poolSubnet(json), route_table_id: ROUTE_TABLE_ID }] : []);
    });
  });

  test('a hub route table id known only at deploy time: routes go to the table Terraform splits out of it', () => {
    const stack = newStack();
    const table = new TerraformVariable(stack, 'table', { type: 'string' });
    NETWORKS[0].make(stack, { egress: Egress.throughHub({ routeTableId: table.stringValue }), ruleSet: NodeCommunicationRuleSet.UNION });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_subnet_route_table_association').map((association) => association.route_table_id)).toEqual(['${var.table}']);
    expect(nodeManagementRoutes(json).map((route) => [route.resource_group_name, route.route_table_name])).toEqual([
      ['${element(split("/", var.table), 4)}', '${element(split("/", var.table), 8)}'],
    ]);
  });

  describe('forced tunneling: BatchNodeManagement.<Region> straight to the Internet', () => {
    const HUBS: Array<[string, () => Egress, boolean]> = [['a created route table', () => toAppliance(), false], ['the hub\'s route table', () => toHubTable(), true]];
    const ROWS = NETWORKS.flatMap((kind) => HUBS.map(([hub, egress, given]) => ({ network: kind.name, hub, kind, egress, given })));

    test.each(ROWS)('$network, $hub, simplified rule set: no route (nodes use the nodeManagement private endpoint)', ({ kind, egress }) => {
      const stack = newStack();
      kind.make(stack, { egress: egress(), ruleSet: NodeCommunicationRuleSet.SIMPLIFIED });
      expect(nodeManagementRoutes(synth(stack))).toEqual([]);
    });

    test.each(ROWS.flatMap((row) => [NodeCommunicationRuleSet.UNION, NodeCommunicationRuleSet.CLASSIC].map((ruleSet) => ({ ...row, ruleSet }))))(
      '$network, $hub, $ruleSet rule set: one route with next hop Internet', ({ kind, egress, given, ruleSet }) => {
        const stack = newStack();
        kind.make(stack, { egress: egress(), ruleSet });
        const json = synth(stack);
        expect(nodeManagementRoutes(json)).toEqual([given
          ? { name: 'udr-contoso-batchnodemanagement-eastus', resource_group_name: 'rg-hub', route_table_name: 'rt-hub', address_prefix: BNM_EASTUS, next_hop_type: 'Internet' }
          : {
            name: 'udr-batchnodemanagement-eastus', resource_group_name: kind.egressResourceGroup, route_table_name: refOf(json, 'azurerm_route_table', undefined, 'name'),
            address_prefix: BNM_EASTUS, next_hop_type: 'Internet',
          }]);
      },
    );

    test('the tag is the region\'s, in the service tag\'s published casing', () => {
      const stack = newStack();
      new BatchNetwork(stack, 'Network', {
        region: AzureRegion.of('westeurope'), resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'contoso', egress: toAppliance(), ruleSet: NodeCommunicationRuleSet.UNION,
      });
      expect(nodeManagementRoutes(synth(stack)).map((route) => [route.name, route.address_prefix])).toEqual([['udr-batchnodemanagement-westeurope', 'BatchNodeManagement.WestEurope']]);
    });

    test.each([['Egress.none()', Egress.none()], ['Egress.natGateway()', Egress.natGateway()], ['Egress.defaultOutbound()', Egress.defaultOutbound()]])(
      'with %s, a classic rule set has nothing to route past', (_, egress) => {
        const stack = newStack();
        NETWORKS[0].make(stack, { egress, ruleSet: NodeCommunicationRuleSet.CLASSIC });
        expect(resourcesOf(synth(stack), 'azurerm_route')).toEqual([]);
      },
    );
  });

  describe('routeToInternet', () => {
    test('adds one route per tag however often it is asked, and returns it', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: toAppliance(), ruleSet: NodeCommunicationRuleSet.UNION });
      const again = network.routeToInternet(ServiceTag.batchNodeManagement(eastus));
      expect(again).toBeDefined();
      expect(network.routeToInternet(ServiceTag.of(BNM_EASTUS))).toBe(again);
      const registry = network.routeToInternet(ServiceTag.of('AzureContainerRegistry.EastUS'));
      expect(registry).not.toBe(again);
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_route').map((route) => [route.name, route.address_prefix, route.next_hop_type]).sort()).toEqual([
        ['udr-azurecontainerregistry-eastus', 'AzureContainerRegistry.EastUS', 'Internet'],
        ['udr-batchnodemanagement-eastus', BNM_EASTUS, 'Internet'],
        ['udr-default-to-hub', '0.0.0.0/0', 'VirtualAppliance'],
      ]);
    });

    test('a route added to the hub\'s table is named after the network, for the table is shared with other spokes', () => {
      const stack = newStack();
      const network = NETWORKS[2].make(stack, { egress: toHubTable() });
      expect(network.routeToInternet(ServiceTag.of('AzureContainerRegistry.EastUS'))).toBeDefined();
      expect(resourcesOf(synth(stack), 'azurerm_route')).toEqual([{
        name: 'udr-contoso-azurecontainerregistry-eastus', resource_group_name: 'rg-hub', route_table_name: 'rt-hub', address_prefix: 'AzureContainerRegistry.EastUS', next_hop_type: 'Internet',
      }]);
    });

    test.each(NETWORKS.flatMap((kind) => [Egress.none(), Egress.natGateway(), Egress.defaultOutbound()].map((egress) => ({ network: kind.name, choice: egress.kind, kind, egress }))))(
      '$network with $choice: returns undefined and adds nothing', ({ kind, egress }) => {
        const stack = newStack();
        const network = kind.make(stack, { egress });
        expect(network.routeToInternet(ServiceTag.batchNodeManagement(eastus))).toBeUndefined();
        expect(resourcesOf(synth(stack), 'azurerm_route')).toEqual([]);
      },
    );
  });

  describe('a RegionalBatchAccount on a hub network', () => {
    const endpointsOf = (json: SynthesizedStack) => resourcesOf(json, 'azurerm_private_endpoint')
      .map((endpoint) => (endpoint.private_service_connection as Record<string, unknown>).subresource_names).flat().sort();

    test('without a nodeManagement endpoint: the account routes BatchNodeManagement past the hub, and its pools wait for the route', () => {
      const fixture = batchFixture(undefined, { network: { egress: toAppliance() }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] } });
      fixture.addPool();
      const json = fixture.synth();
      expect(endpointsOf(json)).toEqual(['batchAccount', 'blob']);
      expect(nodeManagementRoutes(json)).toEqual([{
        name: 'udr-batchnodemanagement-eastus', resource_group_name: 'rg', route_table_name: refOf(json, 'azurerm_route_table', undefined, 'name'),
        address_prefix: BNM_EASTUS, next_hop_type: 'Internet',
      }]);
      const route = addressesOf(json, 'azurerm_route').find((address) => address.includes('BatchNodeManagement'));
      expect(fixture.account.nodeReadiness.map((resource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`)).toContain(route);
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toContain(route);
    });

    test('into the hub\'s table, named after the network', () => {
      const fixture = batchFixture(undefined, { network: { egress: toHubTable() }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] } });
      expect(nodeManagementRoutes(fixture.synth()).map((route) => [route.name, route.resource_group_name, route.route_table_name])).toEqual([
        ['udr-contoso-batchnodemanagement-eastus', 'rg-hub', 'rt-hub'],
      ]);
    });

    test('with the default endpoints (nodeManagement among them), nothing is routed past the hub', () => {
      const fixture = batchFixture(undefined, { network: { egress: toAppliance() } });
      const json = fixture.synth();
      expect(endpointsOf(json)).toEqual(['batchAccount', 'blob', 'nodeManagement']);
      expect(nodeManagementRoutes(json)).toEqual([]);
    });

    test('a union rule set and an account without the endpoint ask for the same route: it is added once', () => {
      const fixture = batchFixture(undefined, {
        network: { egress: toAppliance(), ruleSet: NodeCommunicationRuleSet.UNION }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] },
      });
      expect(nodeManagementRoutes(fixture.synth())).toHaveLength(1);
    });

    test('without a nodeManagement endpoint on a NAT gateway network, no route is needed', () => {
      const fixture = batchFixture(undefined, { network: { egress: Egress.natGateway() }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] } });
      expect(resourcesOf(fixture.synth(), 'azurerm_route')).toEqual([]);
    });
  });

  describe('the hub\'s DNS servers under restrictOutbound', () => {
    test.each(NETWORKS.flatMap((kind) => [toAppliance, toHubTable].map((egress) => ({ network: kind.name, hub: egress === toAppliance ? 'appliance' : 'hub table', kind, egress }))))(
      '$network through a $hub: one allow on port 53, any protocol, per server, before the deny', ({ kind, egress }) => {
        const stack = newStack();
        kind.make(stack, { egress: egress(['10.0.2.4', '10.0.2.5']), restrictOutbound: true });
        const rules = ruleShapes(synth(stack));
        const dns = rules.filter((rule) => rule.ports === '53');
        expect(dns).toEqual([
          { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '53', peer: '10.0.2.4/32', priority: expect.any(Number) },
          { direction: 'Outbound', access: 'Allow', protocol: '*', ports: '53', peer: '10.0.2.5/32', priority: expect.any(Number) },
        ]);
        const deny = rules.find((rule) => rule.direction === 'Outbound' && rule.access === 'Deny' && rule.peer === '*');
        expect(deny).toBeDefined();
        for (const rule of dns) expect(Number(rule.priority)).toBeLessThan(Number(deny!.priority));
      },
    );

    test.each(NETWORKS)('$name without restrictOutbound: no DNS rule, nothing to get past', (kind) => {
      const stack = newStack();
      kind.make(stack, { egress: toAppliance(['10.0.2.4', '10.0.2.5']) });
      expect(ruleShapes(synth(stack)).filter((rule) => rule.ports === '53')).toEqual([]);
    });

    test('the rules are described as the hub\'s DNS servers', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress: toAppliance(['10.0.2.4']), restrictOutbound: true });
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule').filter((rule) => rule.destination_port_range === '53').map((rule) => rule.description)).toEqual(['Hub DNS server 10.0.2.4']);
    });

    test('an existing NSG given by id takes them too', () => {
      const stack = newStack();
      NETWORKS[2].make(stack, { egress: toHubTable(['10.0.2.4']), restrictOutbound: true, networkSecurityGroupId: NSG_ID } as Partial<SubnetImportProps>);
      expect(resourcesOf(synth(stack), 'azurerm_network_security_rule').filter((rule) => rule.destination_port_range === '53')
        .map((rule) => [rule.network_security_group_name, rule.resource_group_name, rule.destination_address_prefix])).toEqual([['nsg-batch', 'rg-sec', '10.0.2.4/32']]);
    });

    test.each([['a NAT gateway', Egress.natGateway()], ['default outbound access', Egress.defaultOutbound()]])('%s has no DNS servers to allow', (_, egress) => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress, restrictOutbound: true });
      expect(ruleShapes(synth(stack)).filter((rule) => rule.ports === '53')).toEqual([]);
    });
  });

  describe('what pools wait for', () => {
    const EGRESSES: Array<[string, () => Egress, string[]]> = [
      ['a NAT gateway', () => Egress.natGateway({ publicIpCount: 2 }), ['azurerm_subnet_nat_gateway_association', 'azurerm_nat_gateway_public_ip_association']],
      ['a hub appliance', () => toAppliance(), ['azurerm_subnet_route_table_association', 'azurerm_route']],
      ['the hub\'s route table', () => toHubTable(), ['azurerm_subnet_route_table_association', 'azurerm_route']],
    ];
    const ROWS = NETWORKS.flatMap((kind) => EGRESSES.map(([choice, egress, types]) => ({ network: kind.name, choice, kind, egress, types })));

    test.each(ROWS)('$network with $choice (union rule set): the pool depends on every association and route of the egress', ({ kind, egress, types }) => {
      const stack = newStack();
      const network = kind.make(stack, { egress: egress(), ruleSet: NodeCommunicationRuleSet.UNION });
      poolIn(network);
      const json = synth(stack);
      const expected = types.flatMap((type) => addressesOf(json, type));
      // The hub's table given by id is not associated with an imported subnet, but its route is.
      expect(expected.length).toBeGreaterThan(0);
      if (types.includes('azurerm_route')) expect(addressesOf(json, 'azurerm_route').length).toBeGreaterThan(0);
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(expected));
      const readiness = network.nodeReadiness.map((resource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`);
      expect(readiness).toEqual(expect.arrayContaining(expected));
    });

    test('a route added after the pool is waited for too', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: toAppliance() });
      poolIn(network);
      network.routeToInternet(ServiceTag.of('AzureContainerRegistry.EastUS'));
      const json = synth(stack);
      const route = addressesOf(json, 'azurerm_route').find((address) => address.includes('AzureContainerRegistry'));
      expect(route).toBeDefined();
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toContain(route);
    });

    test('the NAT gateway and IPs themselves are not in the list: their associations reference them', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: Egress.natGateway() });
      expect(network.nodeReadiness.map((resource) => resource.terraformResourceType).sort()).toEqual([
        'azurerm_nat_gateway_public_ip_association', 'azurerm_network_security_rule', 'azurerm_subnet_nat_gateway_association', 'azurerm_subnet_network_security_group_association',
      ]);
    });
  });

  describe('[EGRESS] warnings', () => {
    const RESTRICTED: Array<[string, () => Egress, string]> = [
      ['a NAT gateway', () => Egress.natGateway(), 'NAT gateway'],
      ['default outbound access', () => Egress.defaultOutbound(), 'default outbound access'],
      ['a hub appliance', () => toAppliance(['10.0.2.4']), 'route to the hub'],
    ];

    test.each(RESTRICTED)('restrictOutbound with %s and no allow rule of the user\'s warns that the way out carries nothing', (_, egress, wayOut) => {
      const stack = newStack();
      poolIn(NETWORKS[0].make(stack, { egress: egress(), restrictOutbound: true }));
      expect(egressWarnings(stack)).toEqual([
        `[EGRESS] restrictOutbound denies every destination but Batch and the private endpoints, so the ${wayOut} carries nothing for pools Pool; ` +
        'allow the destinations they need with NetworkRule.allowOutbound (e.g. ServiceTag.of("AzureContainerRegistry.EastUS") and the registry\'s Storage.<Region> on 443)',
      ]);
    });

    test.each(RESTRICTED)('with %s, an allow rule of the user\'s, given or added, silences it', (_, egress) => {
      const given = newStack();
      poolIn(NETWORKS[0].make(given, {
        egress: egress(), restrictOutbound: true, rules: [NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443))],
      }));
      expect(egressWarnings(given)).toEqual([]);
      const added = newStack();
      const network = NETWORKS[0].make(added, { egress: egress(), restrictOutbound: true });
      poolIn(network);
      network.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443)));
      expect(egressWarnings(added)).toEqual([]);
    });

    test('no warning without restrictOutbound, without a way out, or without pools', () => {
      const open = newStack();
      poolIn(NETWORKS[0].make(open, { egress: Egress.natGateway() }));
      const closed = newStack();
      poolIn(NETWORKS[0].make(closed, { egress: Egress.none(), restrictOutbound: true }));
      const empty = newStack();
      NETWORKS[0].make(empty, { egress: Egress.natGateway(), restrictOutbound: true });
      expect([egressWarnings(open), egressWarnings(closed), egressWarnings(empty)]).toEqual([[], [], []]);
    });

    test('an imported subnet with Egress.none() and a container pool warns that images cannot be pulled', () => {
      const stack = newStack();
      poolIn(NETWORKS[2].make(stack, { egress: Egress.none() }), true);
      expect(egressWarnings(stack)).toEqual([
        '[EGRESS] container pool Pool pulls images at node start, but the imported subnet is declared with Egress.none() and the library cannot see another way out; ' +
        'declare the egress it has (Egress.natGateway(), Egress.throughHub(...), Egress.defaultOutbound()) or reach the registry through a private endpoint',
      ]);
    });

    test.each([['the hub\'s route table', toHubTable()], ['default outbound access', Egress.defaultOutbound()]])(
      'an imported subnet declared with %s and a container pool: no warning', (_, egress) => {
        const stack = newStack();
        poolIn(NETWORKS[2].make(stack, { egress }), true);
        expect(egressWarnings(stack)).toEqual([]);
      },
    );

    test('a NAT gateway or a route table to an appliance on an imported subnet warns that the association replaces its owner\'s', () => {
      const warning = (what: string) => `[EGRESS] the egress associates ${what} with a subnet that exists: the deploy fails if the subnet already has one, and it replaces the routing its owner set up; for a subnet the hub routes, use Egress.throughHub({ routeTableId }) with the hub's table`;
      const cases: Array<[Egress, string]> = [
        [Egress.natGateway(), 'a NAT gateway'], [toAppliance(), 'a route table'],
        [Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: {} }), 'a NAT gateway and a route table'],
      ];
      for (const [egress, what] of cases) {
        const stack = newStack();
        poolIn(NETWORKS[2].make(stack, { egress }), true);
        expect(egressWarnings(stack)).toEqual([warning(what)]);
      }
    });

    test('a container pool in subnets created with Egress.none() is left to the best-practice check, which sees them', () => {
      for (const kind of NETWORKS.slice(0, 2)) {
        const stack = newStack();
        poolIn(kind.make(stack, { egress: Egress.none() }), true);
        expect(egressWarnings(stack)).toEqual([]);
      }
    });
  });

  describe('BatchNetwork.fromSubnetId with an egress', () => {
    const make = (props: Partial<SubnetImportProps>) => BatchNetwork.fromSubnetId(newStack(), 'Network', SUBNET_ID, { region: eastus, ...props });

    test('an existing NSG with tags and a resource group is accepted when the egress creates resources, which take them', () => {
      for (const egress of [Egress.natGateway(), toAppliance()]) {
        const network = make({ networkSecurityGroupId: NSG_ID, egress, tags: { team: 'render' }, resourceGroupName: 'rg-egress', baseName: 'contoso' });
        const json = synth(TerraformStack.of(network));
        expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([]);
        const created = [...resourcesOf(json, 'azurerm_nat_gateway'), ...resourcesOf(json, 'azurerm_public_ip'), ...resourcesOf(json, 'azurerm_route_table')];
        expect(created.length).toBeGreaterThan(0);
        expect(created.map((resource) => [resource.resource_group_name, resource.tags])).toEqual(created.map(() => ['rg-egress', { team: 'render' }]));
        expect(resourcesOf(json, 'azurerm_network_security_rule').map((rule) => rule.network_security_group_name)).toEqual(['nsg-batch']);
      }
    });

    test.each([['Egress.none()', Egress.none()], ['Egress.defaultOutbound()', Egress.defaultOutbound()], ['the hub\'s route table', toHubTable()]])(
      'an existing NSG with tags and a resource group is refused with %s, which creates nothing', (_, egress) => {
        expect(problemsOf(() => make({ networkSecurityGroupId: NSG_ID, egress, tags: { team: 'render' }, resourceGroupName: 'rg-egress' }))).toEqual([
          {
            subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'tags', value: { team: 'render' },
            message: 'apply to what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove them',
          },
          {
            subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'resourceGroupName', value: 'rg-egress',
            message: 'places what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove one of them',
          },
        ]);
      },
    );

    test('an endpoint subnet in another VNet is refused', () => {
      expect(problemsOf(() => make({ privateEndpointSubnetId: OTHER_VNET_SUBNET_ID, egress: Egress.natGateway() }))).toEqual([{
        subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'privateEndpointSubnetId', value: OTHER_VNET_SUBNET_ID,
        message: 'is in another VNet than the pool subnet; give a subnet of the pool subnet\'s VNet, where the private DNS zones resolve for the nodes',
      }]);
    });

    test('an endpoint subnet in the same VNet, its names written in other letter case, is accepted', () => {
      expect(() => make({ privateEndpointSubnetId: ENDPOINT_SUBNET_ID.replace('vnet-spoke', 'VNET-Spoke') })).not.toThrow();
    });

    test('an endpoint subnet prefix without its subnet id is refused', () => {
      expect(problemsOf(() => make({ privateEndpointSubnetPrefix: '10.50.8.0/27' }))).toEqual([{
        subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Network', path: 'privateEndpointSubnetPrefix', value: '10.50.8.0/27',
        message: 'is the prefix of privateEndpointSubnetId, which is not given; give both, or neither',
      }]);
    });

    test('a RegionalBatchAccount\'s private endpoints go into the given endpoint subnet, which restrictOutbound keeps reachable', () => {
      const fixture = batchFixture(undefined, {
        importNetwork: (stack, region) => BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, {
          region, addressPrefix: '10.50.4.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27',
          egress: Egress.natGateway(), restrictOutbound: true, baseName: 'contoso',
        }),
      });
      const json = fixture.synth();
      const endpoints = resourcesOf(json, 'azurerm_private_endpoint');
      expect(endpoints.length).toBeGreaterThanOrEqual(3);
      expect(endpoints.map((endpoint) => endpoint.subnet_id)).toEqual(endpoints.map(() => ENDPOINT_SUBNET_ID));
      expect(ruleShapes(json).filter((rule) => rule.peer === '10.50.8.0/27')).toEqual([
        { direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '443', peer: '10.50.8.0/27', priority: 4095 },
      ]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association').map((association) => association.subnet_id)).toEqual([SUBNET_ID]);
    });
  });

  describe('a hub with a NAT gateway: Egress.throughHub({ ..., natGateway })', () => {
    const hubWithNat = (natGateway = {}) => Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway });
    const logicalIds = (json: SynthesizedStack, type: string) => Object.keys(json.resource?.[type] ?? {});

    test.each(NETWORKS)('$name: the route table with its 0.0.0.0/0 route and its association, and the NAT gateway with its IPs and its association', (kind) => {
      const stack = newStack();
      kind.make(stack, { egress: hubWithNat({ publicIpCount: 2, idleTimeoutMinutes: 10 }) });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_route_table')).toEqual([{ name: 'rt-contoso-pool', location: 'eastus', resource_group_name: kind.egressResourceGroup }]);
      expect(resourcesOf(json, 'azurerm_route')).toEqual([{
        name: 'udr-default-to-hub', resource_group_name: kind.egressResourceGroup, route_table_name: refOf(json, 'azurerm_route_table', undefined, 'name'),
        address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.1.4',
      }]);
      expect(resourcesOf(json, 'azurerm_subnet_route_table_association')).toEqual([{ subnet_id: kind.poolSubnet(json), route_table_id: refOf(json, 'azurerm_route_table') }]);
      expect(resourcesOf(json, 'azurerm_nat_gateway')).toEqual([{
        name: 'ng-contoso', location: 'eastus', resource_group_name: kind.egressResourceGroup, sku_name: 'Standard', idle_timeout_in_minutes: 10,
      }]);
      expect(resourcesOf(json, 'azurerm_public_ip').map((ip) => ip.name)).toEqual(['pip-contoso-ng-1', 'pip-contoso-ng-2']);
      const natGatewayId = refOf(json, 'azurerm_nat_gateway');
      expect(resourcesOf(json, 'azurerm_nat_gateway_public_ip_association').map((association) => association.nat_gateway_id)).toEqual([natGatewayId, natGatewayId]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([{ subnet_id: kind.poolSubnet(json), nat_gateway_id: natGatewayId }]);
    });

    test('the two associations are Egress/RouteTableAssociation and Egress/NatGatewayAssociation', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress: hubWithNat() });
      const json = synth(stack);
      expect(logicalIds(json, 'azurerm_subnet_route_table_association')).toEqual([expect.stringMatching(/^Network_Egress_RouteTableAssociation_[A-F0-9]+$/)]);
      expect(logicalIds(json, 'azurerm_subnet_nat_gateway_association')).toEqual([expect.stringMatching(/^Network_Egress_NatGatewayAssociation_[A-F0-9]+$/)]);
    });

    test('with the hub\'s route table given by id: a created pool subnet joins it and gets the NAT gateway; nothing else is created for the table', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress: Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, natGateway: {} }) });
      const json = synth(stack);
      expect([resourcesOf(json, 'azurerm_route_table'), resourcesOf(json, 'azurerm_route')]).toEqual([[], []]);
      expect(resourcesOf(json, 'azurerm_subnet_route_table_association')).toEqual([{ subnet_id: NETWORKS[0].poolSubnet(json), route_table_id: ROUTE_TABLE_ID }]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([{ subnet_id: NETWORKS[0].poolSubnet(json), nat_gateway_id: refOf(json, 'azurerm_nat_gateway') }]);
    });

    test('the network exposes both the route table and the NAT gateway with its IPs', () => {
      const stack = newStack();
      const network = new BatchNetwork(stack, 'Hub', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.20.0.0/16', baseName: 'b', egress: hubWithNat({ publicIpCount: 2 }) });
      expect(resolved(stack, network.routeTable!.fqn)).toMatch(/^\$\{azurerm_route_table\.Hub_Egress_RouteTable_[A-F0-9]+\}$/);
      expect(resolved(stack, network.natGateway!.fqn)).toMatch(/^\$\{azurerm_nat_gateway\.Hub_Egress_NatGateway_[A-F0-9]+\}$/);
      expect(network.natGatewayPublicIps).toHaveLength(2);
    });

    test('pools wait for both associations and the NAT gateway\'s IP associations', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: hubWithNat() });
      poolIn(network);
      const json = synth(stack);
      const expected = ['azurerm_subnet_route_table_association', 'azurerm_subnet_nat_gateway_association', 'azurerm_nat_gateway_public_ip_association', 'azurerm_route']
        .flatMap((type) => addressesOf(json, type));
      expect(expected).toHaveLength(4);
      expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(expected));
    });

    test('the BatchNodeManagement route of a union rule set still goes to next hop Internet, which the NAT gateway gives an address', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress: hubWithNat(), ruleSet: NodeCommunicationRuleSet.UNION });
      const json = synth(stack);
      expect(nodeManagementRoutes(json).map((route) => [route.address_prefix, route.next_hop_type])).toEqual([[BNM_EASTUS, 'Internet']]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toHaveLength(1);
    });

    test('on a subnet that exists, the hub\'s route table with a natGateway associates only the NAT gateway, and the warning says so', () => {
      const stack = newStack();
      NETWORKS[2].make(stack, { egress: Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, natGateway: {} }) });
      expect(egressWarnings(stack)).toEqual([
        '[EGRESS] the egress associates a NAT gateway with a subnet that exists: the deploy fails if the subnet already has one, and it replaces the routing its owner set up; ' +
        'leave natGateway out if the subnet has one, and allow what must leave on the hub firewall',
      ]);
      expect(resourcesOf(synth(stack), 'azurerm_subnet_route_table_association')).toEqual([]);
    });

    test('subnets created in the stack get no association warning, whatever the egress creates', () => {
      for (const kind of NETWORKS.slice(0, 2)) {
        for (const egress of [Egress.natGateway(), toAppliance(), Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: {} })]) {
          const stack = newStack();
          kind.make(stack, { egress });
          expect(egressWarnings(stack)).toEqual([]);
        }
      }
    });
  });

  describe('[EGRESS] a route to next hop Internet without a NAT gateway', () => {
    const noAddress = (tag: string, subnetCreated: boolean) => `[EGRESS] ${tag} is routed to next hop Internet past the hub, but the pool subnet has no NAT gateway` +
      `${subnetCreated ? ' and no default outbound access' : ' this library knows of'}, so that traffic has no address to leave with; ` +
      `give Egress.throughHub a natGateway, or allow ${tag} on 443 on the hub firewall`;
    /** The warnings about next hop Internet. */
    const internetWarnings = (stack: TerraformStack) => egressWarnings(stack).filter((warning) => warning.includes('next hop Internet'));
    const HUBS: Array<[string, () => Egress]> = [['a created route table', () => toAppliance()], ['the hub\'s route table', () => toHubTable()]];
    const ROWS = NETWORKS.flatMap((kind) => HUBS.flatMap(([hub, egress]) => [NodeCommunicationRuleSet.UNION, NodeCommunicationRuleSet.CLASSIC]
      .map((ruleSet) => ({ network: kind.name, hub, kind, egress, ruleSet }))));

    test.each(ROWS)('$network, $hub, $ruleSet rule set: the BatchNodeManagement route warns once', ({ kind, egress, ruleSet }) => {
      const stack = newStack();
      kind.make(stack, { egress: egress(), ruleSet });
      expect(internetWarnings(stack)).toEqual([noAddress(BNM_EASTUS, kind.subnetCreated)]);
    });

    test.each(NETWORKS)('$name, union rule set, with the hub\'s natGateway: no such warning', (kind) => {
      for (const egress of [Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: {} }), Egress.throughHub({ routeTableId: ROUTE_TABLE_ID, natGateway: {} })]) {
        const stack = newStack();
        kind.make(stack, { egress, ruleSet: NodeCommunicationRuleSet.UNION });
        expect(nodeManagementRoutes(synth(stack))).toHaveLength(1);
        expect(internetWarnings(stack)).toEqual([]);
      }
    });

    test('the warning is the network egress\'s, and the classic rule set\'s Storage warning is the network\'s', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { egress: toAppliance(), ruleSet: NodeCommunicationRuleSet.CLASSIC });
      synth(stack);
      const egress = stack.node.findChild('Network').node.findChild('Egress');
      expect(warningsOf(egress)).toEqual([noAddress(BNM_EASTUS, true)]);
      expect(egressWarnings(stack)).toEqual([
        '[EGRESS] classic-mode nodes behind the hub also reach Storage.EastUS on 443 (Batch\'s own queues and tables); allow it on the hub firewall, which the default route sends it to',
        noAddress(BNM_EASTUS, true),
      ]);
    });

    test('an account without the nodeManagement endpoint adds the route, which warns', () => {
      const fixture = batchFixture(undefined, { network: { egress: toAppliance() }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] } });
      fixture.addPool();
      expect(internetWarnings(fixture.stack)).toEqual([noAddress(BNM_EASTUS, true)]);
    });

    test('an account without the nodeManagement endpoint on a hub with a natGateway: the route, and no warning', () => {
      const fixture = batchFixture(undefined, {
        network: { egress: Egress.throughHub({ nextHopIpAddress: '10.0.1.4', natGateway: {} }) }, account: { privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] },
      });
      fixture.addPool();
      expect(nodeManagementRoutes(fixture.synth())).toHaveLength(1);
      expect(internetWarnings(fixture.stack)).toEqual([]);
    });

    test('the simplified rule set with the default endpoints routes nothing past the hub, and does not warn', () => {
      const fixture = batchFixture(undefined, { network: { egress: toAppliance() } });
      fixture.addPool();
      expect(internetWarnings(fixture.stack)).toEqual([]);
    });

    test('each tag routed with routeToInternet warns, once, by its name', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: toAppliance() });
      network.routeToInternet(ServiceTag.of('AzureContainerRegistry.EastUS'));
      network.routeToInternet(ServiceTag.of('AzureContainerRegistry.EastUS'));
      expect(internetWarnings(stack)).toEqual([noAddress('AzureContainerRegistry.EastUS', true)]);
    });
  });

  describe('outbound allow rules without restrictOutbound', () => {
    /** The info annotations under `stack`, as `[path] message`. */
    const infos = (stack: TerraformStack) => {
      synth(stack);
      return stack.node.findAll().flatMap((node) => node.node.metadata.filter((entry) => entry.type === '@cdktf/info').map((entry) => `[${node.node.path}] ${String(entry.data)}`));
    };
    const acr = NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443));
    const license = NetworkRule.allowOutbound(Peer.ipv4('10.99.0.0/16'), Port.tcp(8443));

    test.each(NETWORKS)('$name: one info naming the outbound allow rules, given or added; inbound rules are not named', (kind) => {
      const stack = newStack();
      const network = kind.make(stack, { rules: [acr, NetworkRule.allowInbound(Peer.ipv4('10.98.0.0/16'), Port.tcp(22))] });
      network.addRule(license);
      expect(infos(stack).filter((info) => info.includes('outbound allow rules'))).toEqual([
        '[test/Network] outbound allow rules Allow-Out-AzureContainerRegistry.EastUS-Tcp-443, Allow-Out-10.99.0.0_16-Tcp-8443 change nothing without restrictOutbound: the NSG\'s default rules allow all outbound traffic',
      ]);
    });

    test('none with restrictOutbound, where they open the deny', () => {
      const stack = newStack();
      NETWORKS[0].make(stack, { restrictOutbound: true, rules: [acr] });
      expect(infos(stack)).toEqual([]);
    });

    test('none for the rules the library adds itself (a union rule set\'s) or without outbound allow rules', () => {
      const union = newStack();
      NETWORKS[0].make(union, { ruleSet: NodeCommunicationRuleSet.UNION });
      const inbound = newStack();
      NETWORKS[0].make(inbound, { rules: [NetworkRule.allowInbound(Peer.ipv4('10.98.0.0/16'), Port.tcp(22))] });
      expect([infos(union), infos(inbound)]).toEqual([[], []]);
    });
  });

  describe('a pool of an imported account behind a hub', () => {
    const warning = '[EGRESS] the account is imported, so the library cannot tell whether its nodeManagement private endpoint serves this network; without one, node management goes through the hub: ' +
      'call network.routeToInternet(ServiceTag.batchNodeManagement(region)), or allow BatchNodeManagement.EastUS on 443 on the hub firewall';
    const accountWarnings = (stack: TerraformStack) => {
      synth(stack);
      return warningsOf(stack).filter((text) => text.startsWith(IMPORTED_ACCOUNT[0]));
    };

    test('warns that the library cannot tell whether node management hairpins, until the route is added (after the pool too)', () => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress: toAppliance() });
      poolIn(network);
      expect(accountWarnings(stack)).toEqual([warning]);
      const routed = newStack();
      const routedNetwork = NETWORKS[0].make(routed, { egress: toAppliance() });
      poolIn(routedNetwork);
      routedNetwork.routeToInternet(ServiceTag.batchNodeManagement(eastus));
      expect(accountWarnings(routed)).toEqual([]);
    });

    test('is quiet for other egress choices and for accounts created here', () => {
      for (const egress of [Egress.none(), Egress.natGateway(), Egress.defaultOutbound()]) {
        const stack = newStack();
        poolIn(NETWORKS[0].make(stack, { egress }));
        expect(accountWarnings(stack)).toEqual([]);
      }
    });
  });

  // Learn "Create a simplified node communication pool without public IP addresses": without a way out,
  // nodes reach node management only through the account's nodeManagement private endpoint.
  test('a pool of an account without a known nodeManagement endpoint, in a network without a way out, warns that nodes may reach no node management', () => {
    const warning = '[EGRESS] the network has no way out (Egress.none()), and the library sees no nodeManagement private endpoint of the account (it is imported, or has none): nodes reach Batch node management only through one in their VNet, or they become unusable; give the account a nodeManagement private endpoint in this VNet (an imported account: say it has one, nodeManagementPrivateEndpoint), or declare the network\'s egress';
    const warnings = (stack: TerraformStack) => {
      synth(stack);
      return warningsOf(stack).filter((text) => text.startsWith(IMPORTED_ACCOUNT[1]));
    };
    const imported = (egress: Egress, nodeManagementPrivateEndpoint?: boolean) => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, { egress });
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus, nodeManagementPrivateEndpoint });
      new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' });
      return warnings(stack);
    };
    expect(imported(Egress.none())).toEqual([warning]);
    expect(imported(Egress.none(), true)).toEqual([]);
    expect(imported(Egress.natGateway())).toEqual([]);
    // An account created here with its batchAccount endpoint only.
    const stack = newStack();
    const network = new BatchNetwork(stack, 'Network', { region: eastus, resourceGroupName: 'rg', addressSpace: '10.10.0.0/16', baseName: 'x' });
    const storageAccount = new PairedStorageAccount(stack, 'Storage', { region: eastus, resourceGroupName: 'rg', network, namePrefix: 'x' });
    const account = new RegionalBatchAccount(stack, 'Account', { region: eastus, resourceGroupName: 'rg', storageAccount, network, namePrefix: 'x', privateEndpoints: [{ subresources: [BatchSubresource.BATCH_ACCOUNT] }], allowedIpRanges: ['203.0.113.0/24'] });
    new SimplifiedPool(stack, 'Pool', { account, network, name: 'work', vmSize: 'Standard_D4s_v5' });
    expect(warnings(stack)).toEqual([warning]);
  });

  describe('the rules a container pool\'s registries need under restrictOutbound', () => {
    const IMAGES = ['contoso.azurecr.io/render:1', 'mcr.microsoft.com/azurelinux/base/core:3.0', 'ubuntu:24.04'];
    /** A container pool pulling IMAGES in a network of `options`, and the outbound allows of the stack (tag, protocol, port). */
    const allowsWith = (options: Partial<PoolNetworkOptions>, withEndpoint = false) => {
      const stack = newStack();
      const network = NETWORKS[0].make(stack, options);
      if (withEndpoint) {
        new ContainerRegistryEndpoint(stack, 'Acr', {
          network, resourceGroupName: 'rg', registryId: '/subscriptions/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contoso',
        });
      }
      const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: eastus });
      new SimplifiedPool(stack, 'Pool', { account, network, name: 'web', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: IMAGES } });
      const json = synth(stack);
      const allows = resourcesOf(json, 'azurerm_network_security_rule')
        .filter((rule) => rule.direction === 'Outbound' && rule.access === 'Allow' && (rule.priority as number) < 4095)
        .map((rule) => `${rule.destination_address_prefix} ${rule.protocol} ${rule.destination_port_range}`).sort();
      return { allows, warnings: warningsOf(stack).filter((text) => text.includes('which the pool pulls from')) };
    };

    test('an egress that leaves gets the tags of Azure Container Registry and of Microsoft\'s registry, and a warning for a registry without one', () => {
      for (const egress of [Egress.natGateway(), toAppliance(), Egress.defaultOutbound()]) {
        const { allows, warnings } = allowsWith({ egress, restrictOutbound: true });
        expect(allows).toEqual([
          'AzureContainerRegistry.EastUS Tcp 443', 'AzureFrontDoor.FirstParty Tcp 443', 'BatchNodeManagement.EastUS * 443', 'MicrosoftContainerRegistry Tcp 443', 'Storage.EastUS Tcp 443',
        ]);
        expect(warnings).toEqual([
          '[EGRESS] restrictOutbound denies docker.io, which the pool pulls from, and no service tag covers it; allow its addresses with NetworkRule.allowOutbound, or mirror the images into an Azure Container Registry',
        ]);
      }
    });

    test('a registry served by a private endpoint in the VNet needs no tag; no egress or no lockdown adds nothing', () => {
      expect(allowsWith({ egress: Egress.natGateway(), restrictOutbound: true }, true).allows).toEqual([
        'AzureFrontDoor.FirstParty Tcp 443', 'BatchNodeManagement.EastUS * 443', 'MicrosoftContainerRegistry Tcp 443',
      ]);
      expect(allowsWith({ egress: Egress.none(), restrictOutbound: true })).toEqual({ allows: ['BatchNodeManagement.EastUS * 443'], warnings: [] });
      expect(allowsWith({ egress: Egress.natGateway() })).toEqual({ allows: ['BatchNodeManagement.EastUS * 443'], warnings: [] });
    });
  });
});


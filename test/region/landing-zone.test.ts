import { AzureRegion } from '../../lib/catalog/azure-region';
import { BatchNetwork } from '../../lib/network/batch-network';
import { Egress } from '../../lib/network/egress';
import { NodeCommunicationRuleSet } from '../../lib/network/node-communication-rule-set';
import { PoolScale } from '../../lib/pool/pool-scale';
import { PoolOptions } from '../../lib/pool/simplified-pool';
import { collectProblems, ValidationProblem } from '../../lib/private/problems';
import { BatchRegion, BatchRegionProps, LandingZoneSubnet, LandingZoneVirtualNetwork } from '../../lib/region/batch-region';
import { PairedStorageAccount } from '../../lib/storage/paired-storage-account';
import { newStack, problemsOf, resolved, resourcesOf, synth, SynthesizedStack, warningsOf } from '../helpers';

const westeurope = AzureRegion.of('westeurope');
const SUBSCRIPTION = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const SPOKE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-spoke/providers/Microsoft.Network`;
const VNET_ID = `${SPOKE}/virtualNetworks/vnet-spoke`;
const POOL_SUBNET_ID = `${VNET_ID}/subnets/snet-batch`;
const ENDPOINT_SUBNET_ID = `${VNET_ID}/subnets/snet-endpoints`;
const NSG_ID = `${SPOKE}/networkSecurityGroups/nsg-batch`;
const HUB_ZONES = '/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones';
// Learn "Azure Private Endpoint private DNS zone values": Batch and blob zones of the public cloud.
const BATCH_ZONE = `${HUB_ZONES}/privatelink.batch.azure.com`;
const BLOB_ZONE = `${HUB_ZONES}/privatelink.blob.core.windows.net`;
// Learn "Create, change, or delete a route table": a route table serves VNets of its own subscription only.
const HUB_ROUTE_TABLE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-spokes`;
const OTHER_SUBSCRIPTION_TABLE = '/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-spokes';

const vnetZone: LandingZoneVirtualNetwork = { virtualNetworkId: VNET_ID, poolSubnetPrefix: '10.50.0.0/22', privateEndpointSubnetPrefix: '10.50.8.0/27' };
const subnetZone: LandingZoneSubnet = {
  subnetId: POOL_SUBNET_ID, addressPrefix: '10.50.0.0/22', networkSecurityGroupId: NSG_ID, privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27',
};
const hubZones = { batch: BATCH_ZONE, blob: BLOB_ZONE };

const pool = (name: string, nodes = 1): PoolOptions => ({ name, vmSize: 'Standard_D4s_v5', scale: PoolScale.fixed({ dedicatedNodes: nodes }) });

/** A region `contoso` in westeurope (its subscription given, so names are stable) with `props` over that. */
function region(props: Partial<BatchRegionProps>) {
  const stack = newStack();
  const construct = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, pools: [pool('work')], ...props });
  return { stack, construct, json: () => synth(stack) };
}

/** The private endpoints by their one sub-resource (`batchAccount`, `nodeManagement`, `blob`): subnet and DNS zones. */
function endpoints(json: SynthesizedStack): Record<string, { subnet: unknown; zones: unknown }> {
  return Object.fromEntries(resourcesOf(json, 'azurerm_private_endpoint').map((endpoint: any) => [
    endpoint.private_service_connection.subresource_names.join(','),
    { subnet: endpoint.subnet_id, zones: endpoint.private_dns_zone_group.private_dns_zone_ids },
  ]));
}

const ref = (type: string, idPrefix: string, attribute = 'id') => expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${idPrefix}_[A-F0-9]+\\.${attribute}\\}$`));
const regionGroup = ref('azurerm_resource_group', 'Region_ResourceGroup', 'name');

describe('BatchRegion in a landing zone', () => {
  describe('a VNet of the landing zone, with the hub\'s private DNS zones', () => {
    const { stack, construct, json: synthesize } = region({ landingZone: vnetZone, privateDnsZoneIds: hubZones, egress: Egress.natGateway({ publicIpCount: 2 }) });
    const json = synthesize();

    test('creates no VNet, no private DNS zone and no VNet link: the hub owns them', () => {
      for (const type of ['azurerm_virtual_network', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link']) {
        expect([type, resourcesOf(json, type)]).toEqual([type, []]);
      }
    });

    test('creates the pool and endpoint subnets in the given VNet, whose name and resource group come from its id', () => {
      expect(resourcesOf(json, 'azurerm_subnet').map((subnet) => [subnet.name, subnet.virtual_network_name, subnet.resource_group_name, subnet.address_prefixes])).toEqual([
        ['snet-contoso-westeurope-endpoints', 'vnet-spoke', 'rg-spoke', ['10.50.8.0/27']],
        ['snet-contoso-westeurope-pool', 'vnet-spoke', 'rg-spoke', ['10.50.0.0/22']],
      ]);
      expect(resourcesOf(json, 'azurerm_batch_pool').map((p: any) => p.network_configuration.subnet_id)).toEqual([ref('azurerm_subnet', 'Region_Network_PoolSubnet')]);
      expect(construct.network.virtualNetworkId).toBe(VNET_ID);
    });

    test('every private endpoint is in the endpoint subnet and registers in exactly the hub\'s zone', () => {
      const endpointSubnet = ref('azurerm_subnet', 'Region_Network_EndpointSubnet');
      expect(resolved(stack, construct.network.privateEndpointSubnetId)).toEqual(endpointSubnet);
      expect(endpoints(json)).toEqual({
        batchAccount: { subnet: endpointSubnet, zones: [BATCH_ZONE] },
        nodeManagement: { subnet: endpointSubnet, zones: [BATCH_ZONE] },
        blob: { subnet: endpointSubnet, zones: [BLOB_ZONE] },
      });
    });

    test('the NAT gateway and its public IPs are named from the region\'s stem, in the region\'s resource group', () => {
      expect(resourcesOf(json, 'azurerm_nat_gateway').map((nat) => [nat.name, nat.resource_group_name])).toEqual([['ng-contoso-westeurope', regionGroup]]);
      expect(resourcesOf(json, 'azurerm_public_ip').map((ip) => [ip.name, ip.resource_group_name])).toEqual([
        ['pip-contoso-westeurope-ng-1', regionGroup], ['pip-contoso-westeurope-ng-2', regionGroup],
      ]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([{
        subnet_id: ref('azurerm_subnet', 'Region_Network_PoolSubnet'), nat_gateway_id: ref('azurerm_nat_gateway', 'Region_Network_Egress_NatGateway'),
      }]);
    });

    test('without hub zones, the region creates its zones and links them to the adopted VNet', () => {
      const own = region({ landingZone: vnetZone }).json();
      expect(resourcesOf(own, 'azurerm_private_dns_zone').map((zone) => zone.name).sort()).toEqual(['privatelink.batch.azure.com', 'privatelink.blob.core.windows.net']);
      expect(resourcesOf(own, 'azurerm_private_dns_zone_virtual_network_link').map((link) => link.virtual_network_id)).toEqual([VNET_ID, VNET_ID]);
    });
  });

  describe('subnets of the landing zone, with their NSG', () => {
    const json = region({ landingZone: subnetZone, privateDnsZoneIds: hubZones, restrictOutbound: true }).json();

    test('creates no VNet, subnet, private DNS zone or VNet link; the pools run in the given subnet', () => {
      for (const type of ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link']) {
        expect([type, resourcesOf(json, type)]).toEqual([type, []]);
      }
      expect(resourcesOf(json, 'azurerm_batch_pool').map((p: any) => p.network_configuration.subnet_id)).toEqual([POOL_SUBNET_ID]);
    });

    test('every private endpoint is in the given endpoint subnet, by its literal id, in the hub\'s zone', () => {
      expect(endpoints(json)).toEqual({
        batchAccount: { subnet: ENDPOINT_SUBNET_ID, zones: [BATCH_ZONE] },
        nodeManagement: { subnet: ENDPOINT_SUBNET_ID, zones: [BATCH_ZONE] },
        blob: { subnet: ENDPOINT_SUBNET_ID, zones: [BLOB_ZONE] },
      });
    });

    test('the rules go into the given NSG: no NSG, association or NSG diagnostic setting is created', () => {
      expect(resourcesOf(json, 'azurerm_network_security_group')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_network_security_group_association')).toEqual([]);
      const rules = resourcesOf(json, 'azurerm_network_security_rule');
      expect(new Set(rules.map((rule) => `${rule.resource_group_name}/${rule.network_security_group_name}`))).toEqual(new Set(['rg-spoke/nsg-batch']));
      // restrictOutbound keeps the given endpoint subnet reachable on 443 before the deny.
      expect(rules.map((rule) => `${rule.direction} ${rule.access} ${rule.destination_address_prefix} ${rule.destination_port_range}`).sort()).toEqual([
        'Outbound Allow 10.50.8.0/27 443', 'Outbound Allow BatchNodeManagement.WestEurope 443', 'Outbound Deny * *',
      ]);
      expect(resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map((setting) => setting.name)).toEqual(['batch-diagnostics']);
    });

    test('a NAT gateway is named from the region\'s stem and associated with the given subnet', () => {
      const nat = region({ landingZone: subnetZone, privateDnsZoneIds: hubZones, egress: Egress.natGateway() }).json();
      expect(resourcesOf(nat, 'azurerm_nat_gateway').map((gateway) => [gateway.name, gateway.resource_group_name])).toEqual([['ng-contoso-westeurope', regionGroup]]);
      expect(resourcesOf(nat, 'azurerm_public_ip').map((ip) => ip.name)).toEqual(['pip-contoso-westeurope-ng-1']);
      expect(resourcesOf(nat, 'azurerm_subnet_nat_gateway_association').map((association) => association.subnet_id)).toEqual([POOL_SUBNET_ID]);
    });

    test('a route table to the hub\'s firewall is named from the region\'s stem and associated with the given subnet', () => {
      const hub = region({ landingZone: subnetZone, privateDnsZoneIds: hubZones, egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4' }) }).json();
      expect(resourcesOf(hub, 'azurerm_route_table').map((table) => [table.name, table.resource_group_name])).toEqual([['rt-contoso-westeurope-pool', regionGroup]]);
      expect(resourcesOf(hub, 'azurerm_subnet_route_table_association')).toEqual([{ subnet_id: POOL_SUBNET_ID, route_table_id: ref('azurerm_route_table', 'Region_Network_Egress_RouteTable') }]);
    });

    test('the hub\'s route table gets a route named for the region only where nodes need public node management', () => {
      const through = (ruleSet: NodeCommunicationRuleSet) => region({
        landingZone: subnetZone, privateDnsZoneIds: hubZones, ruleSet, egress: Egress.throughHub({ routeTableId: HUB_ROUTE_TABLE }),
      }).json();
      // Simplified nodes reach node management through the nodeManagement private endpoint.
      expect(resourcesOf(through(NodeCommunicationRuleSet.SIMPLIFIED), 'azurerm_route')).toEqual([]);
      expect(resourcesOf(through(NodeCommunicationRuleSet.UNION), 'azurerm_route').map((route) => [route.name, route.route_table_name, route.resource_group_name, route.address_prefix, route.next_hop_type]))
        .toEqual([['udr-contoso-westeurope-batchnodemanagement-westeurope', 'rt-spokes', 'rg-hub', 'BatchNodeManagement.WestEurope', 'Internet']]);
    });
  });

  describe('bad input is one problem of the region\'s prop, with its value and the fix', () => {
    const at = { subject: 'BatchRegion', constructPath: 'test/Region' };
    const usgovvirginia = AzureRegion.of('usgovvirginia');

    test.each<[string, () => Partial<BatchRegionProps>, Omit<ValidationProblem, 'subject' | 'constructPath'>]>([
      ['an addressSpace beside a landingZone', () => ({ addressSpace: '10.30.0.0/16', landingZone: vnetZone }), {
        path: 'landingZone', value: vnetZone, message: 'adopts a network that exists, but addressSpace asks for a new VNet; give one of them',
      }],
      ['a malformed landingZone.subnetId', () => ({ landingZone: { ...subnetZone, subnetId: 'snet-batch' } }), {
        path: 'landingZone.subnetId', value: 'snet-batch',
        message: 'is not a subnet resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
      }],
      ['a malformed landingZone.virtualNetworkId', () => ({ landingZone: { ...vnetZone, virtualNetworkId: 'vnet-spoke' } }), {
        path: 'landingZone.virtualNetworkId', value: 'vnet-spoke',
        message: 'is not a virtual network resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>',
      }],
      ['an endpoint subnet prefix without the endpoint subnet', () => ({ landingZone: { subnetId: POOL_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27' } }), {
        path: 'landingZone.privateEndpointSubnetPrefix', value: '10.50.8.0/27', message: 'is the prefix of privateEndpointSubnetId, which is not given; give both, or neither',
      }],
      ['the blob zone as the Batch zone', () => ({ landingZone: subnetZone, privateDnsZoneIds: { batch: BLOB_ZONE } }), {
        path: 'privateDnsZoneIds.batch', value: BLOB_ZONE,
        message: 'names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.batch.azure.com" in this region\'s cloud; give the id of that zone',
      }],
      ['a Batch zone id that is not a private DNS zone id', () => ({ landingZone: subnetZone, privateDnsZoneIds: { batch: 'privatelink.batch.azure.com' } }), {
        path: 'privateDnsZoneIds.batch', value: 'privatelink.batch.azure.com',
        message: 'is not a private DNS zone resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>',
      }],
      ['the public cloud\'s Batch zone in a US Gov region', () => ({ region: usgovvirginia, landingZone: subnetZone, privateDnsZoneIds: { batch: BATCH_ZONE } }), {
        path: 'privateDnsZoneIds.batch', value: BATCH_ZONE,
        message: 'names the zone "privatelink.batch.azure.com", but these endpoints register in "privatelink.batch.usgovcloudapi.net" in this region\'s cloud; give the id of that zone',
      }],
      ['the public cloud\'s blob zone in a US Gov region', () => ({ region: usgovvirginia, landingZone: subnetZone, privateDnsZoneIds: { blob: BLOB_ZONE } }), {
        path: 'privateDnsZoneIds.blob', value: BLOB_ZONE,
        message: 'names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.blob.core.usgovcloudapi.net" in this region\'s cloud; give the id of that zone',
      }],
    ])('%s', (_, props, problem) => {
      expect(problemsOf(() => region(props()))).toEqual([{ ...at, ...problem }]);
    });

    test('a blob zone beside an imported storage account', () => {
      const stack = newStack();
      const storage = PairedStorageAccount.fromStorageAccountId(stack, 'Data', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata', { region: westeurope });
      expect(problemsOf(() => new BatchRegion(stack, 'Region', {
        deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, landingZone: subnetZone, storage, privateDnsZoneIds: hubZones,
      }))).toEqual([{
        ...at, path: 'privateDnsZoneIds.blob', value: BLOB_ZONE, message: 'is for the endpoint of a new auto-storage account, but storage imports one; remove it',
      }]);
    });

    test('what the checks of the complete tree find about the adopted network is the landing zone\'s too', () => {
      // A /28 holds 11 addresses; 6 nodes, 6 more for a replacement and the 3 endpoints sharing it do not fit.
      const capacity = 'holds 11 addresses (16 minus the 5 Azure reserves), but the pools attached need 12 nodes and the 3 private endpoints that share it (every node, plus the largest pool again for a replacement); use a prefix length of /27 or shorter';
      const subnet = region({ landingZone: { subnetId: POOL_SUBNET_ID, addressPrefix: '10.50.0.0/28' }, pools: [pool('work', 6)] });
      expect(collectProblems(subnet.stack)).toEqual([{ ...at, path: 'landingZone.addressPrefix', value: '10.50.0.0/28', message: capacity }]);
      const vnet = region({ landingZone: { virtualNetworkId: VNET_ID, poolSubnetPrefix: '10.50.0.0/28' }, pools: [pool('work', 6)] });
      expect(collectProblems(vnet.stack)).toEqual([{ ...at, path: 'landingZone.poolSubnetPrefix', value: '10.50.0.0/28', message: capacity }]);
    });
  });

  test('a hub route table in another subscription than the VNet is refused, for adopted subnets and VNets', () => {
    const egress = Egress.throughHub({ routeTableId: OTHER_SUBSCRIPTION_TABLE });
    const message = `is in subscription 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, but the VNet is in ${SUBSCRIPTION}; a route table serves VNets of its own subscription and region only, so give the hub's route table for this spoke's subscription, or Egress.throughHub({ nextHopIpAddress }) for a table of its own`;
    for (const landingZone of [subnetZone, vnetZone]) {
      const problems = problemsOf(() => new BatchRegion(newStack(), 'Region', { deploymentName: 'contoso', region: westeurope, landingZone, egress }));
      expect(problems.map(({ path, value, message: text }) => ({ path, value, message: text }))).toEqual([{ path: 'egress.routeTableId', value: OTHER_SUBSCRIPTION_TABLE, message }]);
    }
  });

  describe('a zonal NAT gateway in a region without availability zones', () => {
    // lib/catalog/azure-region.ts: westus has no availability zones, westeurope has.
    const westus = AzureRegion.of('westus');
    const at = { subject: 'BatchRegion', constructPath: 'test/Region' };
    const message = 'puts the NAT gateway in a zone, but westus has no availability zones; leave zone out there';
    const NETWORKS: Array<[string, Partial<BatchRegionProps>]> = [
      ['a new VNet', { addressSpace: '10.30.0.0/16' }], ['a landing-zone VNet', { landingZone: vnetZone }], ['landing-zone subnets', { landingZone: subnetZone }],
    ];

    test.each(NETWORKS)('%s: Egress.natGateway({ zone }) is one problem of the region at egress.zone', (_, network) => {
      expect(problemsOf(() => region({ ...network, region: westus, egress: Egress.natGateway({ zone: '1' }) }))).toEqual([{ ...at, path: 'egress.zone', value: '1', message }]);
    });

    test.each(NETWORKS)('%s: the hub\'s natGateway zone is one problem of the region at egress.natGateway.zone', (_, network) => {
      const egress = Egress.throughHub({ nextHopIpAddress: '10.0.0.4', natGateway: { zone: '1' } });
      expect(problemsOf(() => region({ ...network, region: westus, egress }))).toEqual([{ ...at, path: 'egress.natGateway.zone', value: '1', message }]);
    });

    test.each(NETWORKS)('%s in westeurope, which has zones: the zonal gateway is built', (_, network) => {
      const json = region({ ...network, privateDnsZoneIds: network.landingZone ? hubZones : undefined, egress: Egress.natGateway({ zone: '1' }) }).json();
      expect(resourcesOf(json, 'azurerm_nat_gateway').map((nat) => nat.zones)).toEqual([['1']]);
    });
  });

  describe('[DNS] warnings: the nodes\' DNS must see the zones the endpoints register in', () => {
    const ACR_ZONE = `${HUB_ZONES}/privatelink.azurecr.io`;
    const REGISTRY_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contosoacr`;
    const hubDns = Egress.throughHub({ nextHopIpAddress: '10.0.0.4', dnsServers: ['10.0.2.4'] });
    const ownZones = (zones: string) => `[DNS] nodes resolve names with the hub's DNS servers, but the region creates its own ${zones} zones linked to its VNet only, which those servers do not see: ` +
      'the endpoints\' names resolve to public addresses; give privateDnsZoneIds of the hub\'s zones';
    const azureDns = '[DNS] the new VNet uses Azure\'s DNS, and privateDnsZoneIds names zones the region links to no VNet: the endpoints\' names resolve only if the VNet is linked to those zones elsewhere; ' +
      'give the hub\'s dnsServers (Egress.throughHub) or link the VNet to the zones';
    /** The [DNS] warnings of a region with `props`. */
    const dnsWarnings = (props: Partial<BatchRegionProps>) => {
      const { stack } = region(props);
      synth(stack);
      return warningsOf(stack).filter((warning) => warning.startsWith('[DNS]'));
    };

    test('hub DNS servers while the region creates its Batch and blob zones: one warning naming both', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns })).toEqual([ownZones('privatelink.batch, privatelink.blob')]);
    });

    test('with containerRegistryIds, the registry zone it creates is named too', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns, containerRegistryIds: [REGISTRY_ID] })).toEqual([ownZones('privatelink.batch, privatelink.blob, privatelink.azurecr')]);
    });

    test('only the zones not given are named', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns, privateDnsZoneIds: { batch: BATCH_ZONE } })).toEqual([ownZones('privatelink.blob')]);
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns, privateDnsZoneIds: hubZones, containerRegistryIds: [REGISTRY_ID] })).toEqual([ownZones('privatelink.azurecr')]);
    });

    test('no warning when every zone the region needs is given', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns, privateDnsZoneIds: hubZones })).toEqual([]);
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: hubDns, privateDnsZoneIds: { ...hubZones, containerRegistry: ACR_ZONE }, containerRegistryIds: [REGISTRY_ID] })).toEqual([]);
    });

    test('an imported storage account needs no blob zone', () => {
      const stack = newStack();
      const storage = PairedStorageAccount.fromStorageAccountId(stack, 'Data', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata', { region: westeurope });
      new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, addressSpace: '10.30.0.0/16', egress: hubDns, storage, privateDnsZoneIds: { batch: BATCH_ZONE } });
      synth(stack);
      expect(warningsOf(stack).filter((warning) => warning.startsWith('[DNS]'))).toEqual([]);
    });

    test('a landing zone with hub DNS servers and the region\'s own zones warns too', () => {
      expect(dnsWarnings({ landingZone: vnetZone, egress: hubDns })).toEqual([ownZones('privatelink.batch, privatelink.blob')]);
      expect(dnsWarnings({ landingZone: subnetZone, egress: hubDns, privateDnsZoneIds: hubZones })).toEqual([]);
    });

    test('privateDnsZoneIds on a new VNet without hub DNS servers warns that Azure\'s DNS does not see them', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', privateDnsZoneIds: hubZones })).toEqual([azureDns]);
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', privateDnsZoneIds: { batch: BATCH_ZONE }, egress: Egress.throughHub({ nextHopIpAddress: '10.0.0.4' }) })).toEqual([azureDns]);
    });

    test('privateDnsZoneIds in a landing zone do not warn: the hub links its zones to the landing zone\'s VNets', () => {
      expect(dnsWarnings({ landingZone: vnetZone, privateDnsZoneIds: hubZones })).toEqual([]);
      expect(dnsWarnings({ landingZone: subnetZone, privateDnsZoneIds: hubZones })).toEqual([]);
    });

    test('neither warning without hub DNS servers and without privateDnsZoneIds', () => {
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16' })).toEqual([]);
      expect(dnsWarnings({ addressSpace: '10.30.0.0/16', egress: Egress.natGateway() })).toEqual([]);
    });

    // Learn quotes Azure's refusal in "CreateOrUpdateVirtualNetworkLinkFailed error when updating or
    // upgrading an AKS cluster": "A virtual network cannot be linked to multiple zones with overlapping namespaces".
    test('an imported network with zones of the region\'s own: a warning that a VNet takes one zone of a name; with the hub\'s zones, none', () => {
      const dnsWarnings = (zones: typeof hubZones | undefined) => {
        const stack = newStack();
        const network = BatchNetwork.fromSubnetId(stack, 'Spoke', POOL_SUBNET_ID, { region: westeurope, egress: hubDns });
        new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, network, privateDnsZoneIds: zones });
        synth(stack);
        return warningsOf(stack).filter((warning) => warning.startsWith('[DNS]'));
      };
      expect(dnsWarnings(undefined)).toEqual([
        '[DNS] the region creates its own privatelink.batch, privatelink.blob zones and links them to a VNet it did not create: if that VNet is linked to zones of those names already, as a landing zone\'s hub zones are, the link fails at deploy (a VNet cannot be linked to two zones of one name); give privateDnsZoneIds of the zones the VNet uses',
      ]);
      expect(dnsWarnings(hubZones)).toEqual([]);
    });

    test('the warning is the region\'s', () => {
      const { stack, construct } = region({ addressSpace: '10.30.0.0/16', egress: hubDns });
      synth(stack);
      expect(construct.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => entry.data)).toContain(ownZones('privatelink.batch, privatelink.blob'));
    });
  });

  describe('landingZone beside another network', () => {
    const at = { subject: 'BatchRegion', constructPath: 'test/Region' };

    test('a landingZone with both a VNet and a subnet is one problem at landingZone', () => {
      const both = { ...vnetZone, ...subnetZone } as unknown as LandingZoneVirtualNetwork;
      expect(problemsOf(() => region({ landingZone: both }))).toEqual([{
        ...at, path: 'landingZone', value: both,
        message: 'names both a VNet (virtualNetworkId) and a subnet (subnetId); give the VNet to create subnets in, or the subnets to use',
      }]);
    });

    test.each<[string, LandingZoneVirtualNetwork | LandingZoneSubnet]>([
      ['a malformed subnetId', { ...subnetZone, subnetId: 'snet-batch' }],
      ['a malformed virtualNetworkId', { ...vnetZone, virtualNetworkId: 'vnet-spoke' }],
    ])('a landingZone with %s beside an addressSpace: problems of the region, not a clash of two constructs named Network', (_, landingZone) => {
      let problems: readonly ValidationProblem[] = [];
      expect(() => { problems = problemsOf(() => region({ addressSpace: '10.30.0.0/16', landingZone })); }).not.toThrow();
      expect(problems).toEqual([{ ...at, path: 'landingZone', value: landingZone, message: 'adopts a network that exists, but addressSpace asks for a new VNet; give one of them' }]);
      expect(problems.map((problem) => problem.message).join('\n')).not.toMatch(/There is already a Construct with name 'Network'/);
    });

    // Batch API, NetworkConfiguration.subnetId: "The virtual network must be in the same region and
    // subscription as the Azure Batch Account"; and azurerm builds what it adds from its own subscription.
    test('a landing zone or an imported network in another subscription than the region\'s is refused, each id at its path', () => {
      const other = (id: string) => id.replace(SUBSCRIPTION, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
      const message = `is in subscription 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, but the region deploys to ${SUBSCRIPTION}: a pool's VNet must be in its Batch account's subscription, and what the region adds to it is created in the provider's; adopt a network of subscription ${SUBSCRIPTION}, or deploy the region to 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
      const zone = { subnetId: other(POOL_SUBNET_ID), networkSecurityGroupId: other(NSG_ID) };
      expect(problemsOf(() => region({ landingZone: zone })).map((problem) => [problem.path, problem.value, problem.message])).toEqual([
        ['landingZone.subnetId', zone.subnetId, message],
        ['landingZone.networkSecurityGroupId', zone.networkSecurityGroupId, message],
      ]);
      const stack = newStack();
      const network = BatchNetwork.fromVirtualNetworkId(stack, 'Spoke', other(VNET_ID), { region: westeurope, resourceGroupName: 'rg-batch', poolSubnetPrefix: '10.50.0.0/22' });
      expect(problemsOf(() => new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, network })).map((problem) => problem.path)).toEqual(['network']);
    });

    test('a landingZone beside an imported network is one problem, saying to give one of them', () => {
      const stack = newStack();
      const network = BatchNetwork.fromSubnetId(stack, 'Spoke', POOL_SUBNET_ID, { region: westeurope });
      expect(problemsOf(() => new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, network, landingZone: subnetZone }))).toEqual([{
        ...at, path: 'landingZone', value: subnetZone, message: 'adopts a network, and network gives one already; give network or landingZone, not both',
      }]);
    });

    test('other new-network props beside an imported network keep their message', () => {
      const stack = newStack();
      const network = BatchNetwork.fromSubnetId(stack, 'Spoke', POOL_SUBNET_ID, { region: westeurope });
      expect(problemsOf(() => new BatchRegion(stack, 'Region', {
        deploymentName: 'contoso', region: westeurope, subscriptionId: SUBSCRIPTION, network, landingZone: subnetZone, restrictOutbound: true,
      })).map((problem) => [problem.path, problem.message])).toEqual([
        ['landingZone', 'adopts a network, and network gives one already; give network or landingZone, not both'],
        ['restrictOutbound', 'applies to a new network only; give it to the imported network (BatchNetwork.fromSubnetId or fromVirtualNetworkId) instead'],
      ]);
    });
  });
});

import { Ipv4Cidr } from '../../private/cidr';
import { BestPracticeRule, Finding, Severity } from '../rule';
import { block, isExpression, list, ResourceView, StackView, subnetAssociations } from '../stack-view';

/** BATCH-018: a pool subnet's routes to a virtual appliance can reach it. */
export const routeNextHopReachable: BestPracticeRule = {
  id: 'BATCH-018',
  severity: Severity.WARNING,
  title: 'Routes to a virtual appliance can reach it',
  explanation: 'A route with next hop VirtualAppliance needs its address reachable directly, without routing through an ExpressRoute gateway or Virtual WAN: in the VNet, or in a VNet it is peered with. Otherwise Azure counts the route as an invalid routing configuration, and what it was to carry (for a default route: everything that leaves the VNet, but what the private endpoints and other routes serve) does not reach the firewall. Reported when the stack shows neither the address in the pool VNet nor a peering of that VNet that allows traffic; a virtual hub connection of the VNet is taken to reach an appliance in the hub, which the stack cannot check.',
  source: 'learn.microsoft.com "Virtual network traffic routing", section "User-defined" (next hop type Virtual appliance: "A next hop private IP address must have direct connectivity without having to route through ExpressRoute Gateway or Virtual WAN"; without it the configuration is invalid)',
  fix: 'Peer the VNet with the hub (azurerm_virtual_network_peering in both directions, allowing virtual network access), or give a next hop the VNet reaches; when the peering is made outside this stack, suppress BATCH-018 with a reason that says where.',
  check: (stack) => {
    // One finding per route, on the first pool behind it: pools sharing a subnet share its routes.
    const reported = new Set<string>();
    return stack.ofType('azurerm_batch_pool').flatMap((pool) => {
      const subnetId = block(pool.attributes.network_configuration)?.subnet_id;
      const subnet = stack.target(subnetId, 'azurerm_subnet');
      if (!subnet) return [];
      const vnet = stack.target(subnet.attributes.virtual_network_name, 'azurerm_virtual_network', { resourceGroupName: subnet.attributes.resource_group_name });
      const space = list<unknown>(vnet?.attributes.address_space);
      if (!vnet || space.length === 0 || space.some((prefix) => typeof prefix !== 'string' || isExpression(prefix))) return [];
      if (connected(stack, vnet)) return [];
      // IPv6 blocks hold no IPv4 next hop.
      const parsed = space.filter((prefix) => !String(prefix).includes(':')).map((prefix) => Ipv4Cidr.parse(String(prefix)));
      const blocks = parsed.filter((block): block is Ipv4Cidr => typeof block !== 'string');
      if (blocks.length < parsed.length) return [];
      return applianceRoutes(stack, String(subnetId)).flatMap(({ table, route }): Finding[] => {
        const hop = Ipv4Cidr.parse(`${route.next_hop_in_ip_address}/32`);
        const key = `${table}/${route.name}`;
        if (typeof hop === 'string' || blocks.some((known) => known.contains(hop)) || reported.has(key)) return [];
        reported.add(key);
        return [{ resource: pool, message: `route ${route.name} of route table ${table} sends ${route.address_prefix} to ${route.next_hop_in_ip_address}, outside VNet ${vnet.attributes.name} (${space.join(', ')}), and the stack neither peers that VNet nor connects it to a virtual hub` }];
      });
    });
  },
};

/**
 * Whether the stack peers `vnet` (from either side) with virtual network access allowed (the
 * provider's default: `allow_virtual_network_access`, `virtual_network_peering_resource.go:67-71` at v4.55.0),
 * or connects it to a virtual hub.
 */
function connected(stack: StackView, vnet: ResourceView): boolean {
  const peered = stack.ofType('azurerm_virtual_network_peering').filter((peering) => peering.attributes.allow_virtual_network_access !== false).some((peering) =>
    stack.target(peering.attributes.virtual_network_name, 'azurerm_virtual_network', { resourceGroupName: peering.attributes.resource_group_name }) === vnet
    || stack.target(peering.attributes.remote_virtual_network_id, 'azurerm_virtual_network') === vnet);
  return peered || stack.ofType('azurerm_virtual_hub_connection').some((connection) => stack.target(connection.attributes.remote_virtual_network_id, 'azurerm_virtual_network') === vnet);
}

/**
 * The routes with a literal VirtualAppliance next hop in the route tables of the stack associated with
 * the subnet `subnetId`: those inline in the table and those added as `azurerm_route`.
 */
function applianceRoutes(stack: StackView, subnetId: string): Array<{ readonly table: string; readonly route: Record<string, any> }> {
  return subnetAssociations(stack, subnetId, 'azurerm_subnet_route_table_association').flatMap((association) => {
    const table = stack.target(association.attributes.route_table_id, 'azurerm_route_table');
    if (!table) return [];
    // A route names its table and resource group: only a table of that name in that group is its.
    const separate = stack.ofType('azurerm_route').filter((route) => stack.target(route.attributes.route_table_name, 'azurerm_route_table', { resourceGroupName: route.attributes.resource_group_name }) === table);
    const routes = [...list<Record<string, any>>(table.attributes.route), ...separate.map((route) => route.attributes)];
    return routes
      .filter((route) => typeof route === 'object' && route !== null && route.next_hop_type === 'VirtualAppliance')
      .filter((route) => typeof route.next_hop_in_ip_address === 'string' && !isExpression(route.next_hop_in_ip_address))
      .map((route) => ({ table: String(table.attributes.name), route }));
  });
}

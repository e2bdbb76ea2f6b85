import { block, list, ResourceView, StackView, subnetAssociations } from './stack-view';

/** What a stack shows of a pool subnet's way out to the Internet. */
export interface SubnetWayOut {
  /** The subnet's name as the stack has it (or its id, when the subnet is not created in the stack). */
  readonly subnet: string;
  /**
   * What gives the subnet a way out: `default outbound access`, `NAT gateway`, `route table <name>`.
   * @default - none found
   */
  readonly wayOut?: string;
  /** Whether the stack shows everything about the subnet: false when the subnet exists outside it. */
  readonly known: boolean;
}

/**
 * The way out of the subnet `pool` runs in: the subnet's default outbound access, a NAT gateway
 * associated with it, or a route table associated with it whose default route leaves the VNet (a
 * hub's table given by id is taken to have one). Learn "Default outbound access in Azure": a private
 * subnet (`default_outbound_access_enabled = false`) reaches nothing outside without one of them.
 */
export function poolWayOut(stack: StackView, pool: ResourceView): SubnetWayOut | undefined {
  const subnetId = block(pool.attributes.network_configuration)?.subnet_id;
  if (typeof subnetId !== 'string') return undefined;
  const subnet = stack.target(subnetId, 'azurerm_subnet');
  const associated = (type: string) => subnetAssociations(stack, subnetId, type);
  const name = subnet ? String(subnet.attributes.name) : subnetId;
  // Nodes with public IPs of their own leave through them.
  const publicIps = block(pool.attributes.network_configuration)?.public_address_provisioning_type;
  if (publicIps === 'BatchManaged' || publicIps === 'UserManaged') return { subnet: name, wayOut: 'node public IPs', known: true };
  if (subnet && subnet.attributes.default_outbound_access_enabled !== false) return { subnet: name, wayOut: 'default outbound access', known: true };
  if (associated('azurerm_subnet_nat_gateway_association').length > 0) return { subnet: name, wayOut: 'NAT gateway', known: true };
  for (const association of associated('azurerm_subnet_route_table_association')) {
    const table = stack.target(association.attributes.route_table_id, 'azurerm_route_table');
    if (!table) return { subnet: name, wayOut: `route table ${String(association.attributes.route_table_id).split('/').pop()}`, known: true };
    const routes = [...list(table.attributes.route), ...stack.pointingAt(table, 'azurerm_route', 'route_table_name').map((route) => route.attributes)];
    if (routes.some((route) => route.address_prefix === '0.0.0.0/0' && route.next_hop_type !== 'None')) return { subnet: name, wayOut: `route table ${String(table.attributes.name)}`, known: true };
  }
  return { subnet: name, known: subnet !== undefined };
}

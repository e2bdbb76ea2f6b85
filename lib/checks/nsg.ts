import * as ipaddr from 'ipaddr.js';
import { block, list, ResourceView, StackView } from './stack-view';

/** The rules of an NSG: separate rule resources and inline `security_rule` blocks. */
export function nsgRules(stack: StackView, nsg: ResourceView): Array<Record<string, any>> {
  const separate = stack.ofType('azurerm_network_security_rule')
    .filter((rule) => stack.target(rule.attributes.network_security_group_name, 'azurerm_network_security_group', { resourceGroupName: rule.attributes.resource_group_name }) === nsg)
    .map((rule) => rule.attributes);
  return [...separate, ...list(nsg.attributes.security_rule)];
}

/** Address prefixes that stand for every address. */
export const ANYWHERE = ['*', 'Internet', '0.0.0.0/0', 'Any'];

/** Allow rules of `direction` whose peer is anywhere: separate rules and inline blocks. */
export function openRules(stack: StackView, direction: string): Array<{ resource: ResourceView; name: string }> {
  const peer = direction === 'Inbound' ? 'source' : 'destination';
  const open = (rule: Record<string, any>) => rule.direction === direction && rule.access === 'Allow' &&
    [rule[`${peer}_address_prefix`], ...list(rule[`${peer}_address_prefixes`])].some((prefix) => ANYWHERE.includes(prefix));
  return [
    ...stack.ofType('azurerm_network_security_rule').filter((rule) => open(rule.attributes)).map((resource) => ({ resource, name: resource.attributes.name })),
    ...stack.ofType('azurerm_network_security_group').flatMap((nsg) => list(nsg.attributes.security_rule).filter(open).map((rule: any) => ({ resource: nsg, name: rule.name }))),
  ];
}

/**
 * The outbound rules Azure puts in every NSG, after any it is given: Learn "Network security groups",
 * section "Default security rules" (AllowVnetOutBound 65000, AllowInternetOutBound 65001, DenyAllOutBound
 * 65500; all ports, protocol Any). Internet, a service tag, holds every public address, Azure's services
 * included (Learn "Virtual network service tags", tag "Internet"): an NSG without rules of its own lets
 * nodes reach BatchNodeManagement, which is why the seed names only NSGs that "explicitly disable"
 * outbound traffic as affected by simplified mode (seeds/simplified-compute-node-communication.md,
 * "Potential impact between classic and simplified communication modes").
 */
export const DEFAULT_OUTBOUND_RULES: ReadonlyArray<Readonly<Record<string, unknown>>> = [
  { name: 'AllowVnetOutBound', priority: 65000, access: 'Allow', destination_address_prefix: 'VirtualNetwork' },
  { name: 'AllowInternetOutBound', priority: 65001, access: 'Allow', destination_address_prefix: 'Internet' },
  { name: 'DenyAllOutBound', priority: 65500, access: 'Deny', destination_address_prefix: '*' },
].map((rule) => ({ ...rule, direction: 'Outbound', protocol: '*', source_address_prefix: '*', source_port_range: '*', destination_port_range: '*' }));

/** Whether `rule`'s destination ports cover `port`. */
function coversPort(rule: Record<string, any>, port: number): boolean {
  return [rule.destination_port_range, ...list(rule.destination_port_ranges)].filter((range) => range !== undefined).some((range: string) => {
    if (range === '*') return true;
    const [from, to = from] = String(range).split('-').map(Number);
    return from <= port && port <= to;
  });
}

/**
 * The rule that decides outbound `protocol` traffic (`Tcp` or `Udp`) on `port` to the service tag `tag`
 * (e.g. `BatchNodeManagement.EastUS`) from behind `nsg`: the first by priority of its own outbound rules,
 * then Azure's defaults, whose protocol, port and destination cover it. A destination covers the tag when
 * it is the tag, its cloud-wide form (`BatchNodeManagement`), `AzureCloud`, `Internet`, or any address
 * (`*`, `0.0.0.0/0`), compared case-insensitively; ranges and application security groups are not
 * matched against the tag's addresses, which the stack does not know. Rules are taken to apply to every
 * source in the subnet.
 */
export function decidingOutboundRule(stack: StackView, nsg: ResourceView, protocol: 'Tcp' | 'Udp', port: number, tag: string, options: DecidingOptions = {}): Record<string, any> {
  // `Internet` itself (any public host) is covered by none of Azure's own tags.
  const base = tag.split('.')[0];
  const names = tag === 'Internet' ? ['Internet', ...ANYWHERE] : [tag, base, 'AzureCloud', 'Internet', ...ANYWHERE];
  const covering = new Set(names.map((name) => name.toLowerCase()));
  const covers = (rule: Record<string, any>, prefix: string) => covering.has(prefix.toLowerCase()) ||
    (options.allowedInAnyRegion === true && rule.access === 'Allow' && prefix.toLowerCase().startsWith(`${base.toLowerCase()}.`));
  return outboundRulesInOrder(stack, nsg, protocol, port)
    .find((rule) => destinations(rule).some((prefix) => typeof prefix === 'string' && covers(rule, prefix)))!;
}

/** How {@link decidingOutboundRule} matches a regional tag. */
export interface DecidingOptions {
  /**
   * An allow to the tag in any region (`Storage.WestUS` for `Storage.EastUS`) lets the traffic through:
   * for a service whose region the stack does not show, as a registry's. A deny still needs to cover it.
   * @default false
   */
  readonly allowedInAnyRegion?: boolean;
}

/**
 * Whether an outbound allow on `port` decided before `rule` names a public address range or an
 * application security group: a destination the stack cannot tell apart from the one a task needs (a
 * package mirror, say), so a check about reaching it stays quiet. Private (RFC 1918) ranges and
 * `VirtualNetwork` stay inside the network.
 */
export function allowedAddressesBefore(stack: StackView, nsg: ResourceView, protocol: 'Tcp' | 'Udp', port: number, rule: Record<string, any>): boolean {
  return outboundRulesInOrder(stack, nsg, protocol, port)
    .filter((candidate) => candidate.access === 'Allow' && Number(candidate.priority) < Number(rule.priority))
    .some((candidate) => list(candidate.destination_application_security_group_ids).length > 0 || destinations(candidate).some((prefix) => {
      const [address, length] = String(prefix).split('/');
      return ipaddr.IPv4.isValidFourPartDecimal(address) && length !== '0' && ipaddr.IPv4.parse(address).range() !== 'private';
    }));
}

/** The NSGs associated with the subnet `pool` runs in, when the stack creates that subnet. */
export function poolSubnetNsgs(stack: StackView, pool: ResourceView): ResourceView[] {
  const subnet = stack.target(block(pool.attributes.network_configuration)?.subnet_id, 'azurerm_subnet');
  if (!subnet) return [];
  return stack.pointingAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id')
    .map((association) => stack.target(association.attributes.network_security_group_id, 'azurerm_network_security_group'))
    .filter((nsg): nsg is ResourceView => nsg !== undefined);
}

/** Outbound rules of `nsg` for `protocol` on `port`, Azure's defaults last, in the order Azure decides. */
function outboundRulesInOrder(stack: StackView, nsg: ResourceView, protocol: 'Tcp' | 'Udp', port: number): Array<Record<string, any>> {
  return [...nsgRules(stack, nsg), ...DEFAULT_OUTBOUND_RULES]
    .filter((rule) => rule.direction === 'Outbound' && coversPort(rule, port) && (rule.protocol === '*' || String(rule.protocol).toLowerCase() === protocol.toLowerCase()))
    .sort((a, b) => Number(a.priority) - Number(b.priority));
}

/** A rule's destination prefixes, single and listed. */
function destinations(rule: Record<string, any>): unknown[] {
  return [rule.destination_address_prefix, ...list(rule.destination_address_prefixes)];
}

import * as ipaddr from 'ipaddr.js';
import { AzureRegion } from '../catalog/azure-region';
import { block, isExpression, list, ResourceView, StackView, subnetAssociations } from './stack-view';

/** The rules of an NSG: separate rule resources and inline `security_rule` blocks. */
export function nsgRules(stack: StackView, nsg: ResourceView): Array<Record<string, any>> {
  const separate = stack.ofType('azurerm_network_security_rule').filter((rule) => nsgOfRule(stack, rule) === nsg).map((rule) => rule.attributes);
  return [...separate, ...inlineRules(nsg)];
}

/** The NSG a separate rule resource belongs to, in the rule's resource group. */
function nsgOfRule(stack: StackView, rule: ResourceView): ResourceView | undefined {
  return stack.target(rule.attributes.network_security_group_name, 'azurerm_network_security_group', { resourceGroupName: rule.attributes.resource_group_name });
}

/** An NSG's inline `security_rule` blocks (anything else an override put there is left out). */
function inlineRules(nsg: ResourceView): Array<Record<string, any>> {
  return list(nsg.attributes.security_rule).filter((rule): rule is Record<string, any> => typeof rule === 'object' && rule !== null && !Array.isArray(rule));
}

/** Address prefixes that stand for every address. */
export const ANYWHERE = ['*', 'Internet', '0.0.0.0/0', 'Any'];

/**
 * Allow rules of `direction` whose peer is anywhere (in any letter case): separate rules and inline
 * blocks, each with the NSG it belongs to when the stack shows it.
 */
export function openRules(stack: StackView, direction: string): Array<{ resource: ResourceView; name: string; rule: Record<string, any>; nsg: ResourceView | undefined }> {
  const peer = direction === 'Inbound' ? 'source' : 'destination';
  const anywhere = ANYWHERE.map((name) => name.toLowerCase());
  const open = (rule: Record<string, any>) => rule.direction === direction && rule.access === 'Allow' &&
    prefixesOf(rule, peer).some((prefix) => typeof prefix === 'string' && anywhere.includes(prefix.toLowerCase()));
  return [
    ...stack.ofType('azurerm_network_security_rule').filter((rule) => open(rule.attributes))
      .map((resource) => ({ resource, name: resource.attributes.name, rule: resource.attributes, nsg: nsgOfRule(stack, resource) })),
    ...stack.ofType('azurerm_network_security_group').flatMap((nsg) => inlineRules(nsg).filter(open).map((rule) => ({ resource: nsg, name: rule.name, rule, nsg }))),
  ];
}

/** The names of the subnets `nsg` is associated with in the stack (undefined for one the stack does not name). */
export function subnetNamesOf(stack: StackView, nsg: ResourceView): Array<string | undefined> {
  return stack.pointingAt(nsg, 'azurerm_subnet_network_security_group_association', 'network_security_group_id').map((association) => {
    const id = association.attributes.subnet_id;
    const name = stack.target(id, 'azurerm_subnet')?.attributes.name;
    if (typeof name === 'string' && !isExpression(name)) return name;
    // A subnet named by a literal ARM id (an existing one): the id's last segment.
    return typeof id === 'string' && !isExpression(id) && id.includes('/subnets/') ? id.split('/').pop() : undefined;
  });
}

/**
 * The rules Azure puts in every NSG, after any it is given: Learn "Network security groups", section
 * "Default security rules" (inbound AllowVNetInBound 65000, AllowAzureLoadBalancerInBound 65001,
 * DenyAllInBound 65500; outbound AllowVnetOutBound 65000, AllowInternetOutBound 65001, DenyAllOutBound
 * 65500; all ports, protocol Any). Internet, a service tag, holds every public address, Azure's services
 * included (Learn "Virtual network service tags", tag "Internet"): an NSG without rules of its own lets
 * nodes reach BatchNodeManagement, which is why the seed names only NSGs that "explicitly disable"
 * outbound traffic as affected by simplified mode (seeds/simplified-compute-node-communication.md,
 * "Potential impact between classic and simplified communication modes"), and lets nothing in from the
 * Internet.
 */
export const DEFAULT_RULES: ReadonlyArray<Readonly<Record<string, unknown>>> = [
  { name: 'AllowVNetInBound', direction: 'Inbound', priority: 65000, access: 'Allow', source_address_prefix: 'VirtualNetwork', destination_address_prefix: 'VirtualNetwork' },
  { name: 'AllowAzureLoadBalancerInBound', direction: 'Inbound', priority: 65001, access: 'Allow', source_address_prefix: 'AzureLoadBalancer', destination_address_prefix: '*' },
  { name: 'DenyAllInBound', direction: 'Inbound', priority: 65500, access: 'Deny', source_address_prefix: '*', destination_address_prefix: '*' },
  { name: 'AllowVnetOutBound', direction: 'Outbound', priority: 65000, access: 'Allow', source_address_prefix: 'VirtualNetwork', destination_address_prefix: 'VirtualNetwork' },
  { name: 'AllowInternetOutBound', direction: 'Outbound', priority: 65001, access: 'Allow', source_address_prefix: '*', destination_address_prefix: 'Internet' },
  { name: 'DenyAllOutBound', direction: 'Outbound', priority: 65500, access: 'Deny', source_address_prefix: '*', destination_address_prefix: '*' },
].map((rule) => ({ ...rule, protocol: '*', source_port_range: '*', destination_port_range: '*' }));

/**
 * Traffic a check asks about: between the subnet of a pool and a service tag, over a protocol and to a
 * port: out of the subnet to the tag, or into it from the tag.
 */
export interface NsgTraffic {
  /**
   * `Outbound`: from the subnet to the tag; `Inbound`: from the tag into the subnet.
   * @default 'Outbound'
   */
  readonly direction?: 'Outbound' | 'Inbound';
  /** `Tcp` or `Udp` (an NSG's Any is both, and ICMP, which has no ports). */
  readonly protocol: 'Tcp' | 'Udp';
  /** The destination port. */
  readonly port: number;
  /** A service tag, e.g. `BatchNodeManagement.EastUS`; `Internet` for any public host. */
  readonly tag: string;
  /** The address prefixes of the pool's subnet, or undefined when the stack does not show them. */
  readonly subnet: readonly string[] | undefined;
  /**
   * Whether the subnet may have a route table: its `VirtualNetwork` then holds the routes' prefixes, a
   * default route among them (Learn "Virtual network service tags", tag "VirtualNetwork").
   * @default true
   */
  readonly routed?: boolean;
  /**
   * An allow to the tag in any region (`Storage.WestUS` for `Storage.EastUS`) lets the traffic through:
   * for a service whose region the stack does not show, as a registry's. A deny still needs to cover it.
   * @default false
   */
  readonly allowedInAnyRegion?: boolean;
}

/** What an NSG does with some {@link NsgTraffic}. */
export interface NsgDecision {
  /** The rule that decides it: the NSG's own, or one of {@link DEFAULT_RULES}. */
  readonly rule: Record<string, any>;
  /**
   * Whether an allow before that rule, for the same traffic, names on the tag's side (the destination of
   * outbound traffic, the source of inbound) what the stack cannot tell apart from the tag: a public
   * address range or an application security group (a package mirror, a registry, a client, say), or
   * `VirtualNetwork`, which holds the prefixes of user-defined routes and so can hold a default route
   * (Learn "Virtual network service tags", tag "VirtualNetwork").
   */
  readonly allowedElsewhereFirst: boolean;
  /**
   * Whether an allow of the NSG's own before that rule names `VirtualNetwork` on the tag's side while the
   * subnet may have a route table: it may then let the Internet through (part of
   * {@link NsgDecision.allowedElsewhereFirst}).
   */
  readonly virtualNetworkFirst: boolean;
}

/**
 * What `nsg` does with `traffic`, as Azure decides it (Learn "Network security groups", section "Security
 * rules": rules are processed in priority order, and processing stops at the first match), Azure's
 * default rules last; undefined when the stack does not show it: a priority, access, protocol, port,
 * source or destination that is a Terraform expression, or a range that only partly holds the subnet,
 * comes first.
 *
 * The tag's side of a rule (the destination of an outbound one, the source of an inbound one) covers
 * the tag when it is the tag, its cloud-wide form (`BatchNodeManagement` for `BatchNodeManagement.EastUS`),
 * `AzureCloud` or `AzureCloud.<region>` for the tag's region, `Internet`, or any address (`*`,
 * `0.0.0.0/0`), in any letter case (Learn "Virtual network service tags": the regional tags are parts of
 * the cloud-wide ones and of AzureCloud, and Internet holds Azure's public addresses). Ranges are not
 * matched against a tag's addresses, which the stack does not know. The subnet's side covers it when it
 * is any address, `VirtualNetwork` or a range holding every prefix of the subnet; an application security
 * group never does, since Batch puts pool nodes in none (azurerm `batch_pool` `network_configuration` has
 * no such setting, `internal/services/batch/batch_pool_resource.go`).
 */
export function nsgDecision(stack: StackView, nsg: ResourceView, traffic: NsgTraffic): NsgDecision | undefined {
  const direction = traffic.direction ?? 'Outbound';
  const own = nsgRules(stack, nsg);
  if (own.some((rule) => isExpression(rule.direction) || isExpression(rule.priority) || !Number.isFinite(Number(rule.priority)))) return undefined;
  const ordered = [
    ...own.filter((rule) => rule.direction === direction).sort((a, b) => Number(a.priority) - Number(b.priority)),
    ...DEFAULT_RULES.filter((rule) => rule.direction === direction),
  ];
  const [tagSide, subnetSide] = direction === 'Outbound' ? ['destination', 'source'] as const : ['source', 'destination'] as const;
  let allowedElsewhereFirst = false;
  let virtualNetworkFirst = false;
  for (const rule of ordered) {
    if ([rule.access, rule.protocol].some(isExpression)) return undefined;
    const carried = carries(rule, traffic);
    const applies = carried === false ? false : holdsSubnet(rule, subnetSide, traffic.subnet);
    if (carried === false || applies === false) continue;
    if (carried === undefined || applies === undefined) return undefined;
    const covered = covers(rule, tagSide, traffic);
    if (covered === undefined) return undefined;
    if (covered) return { rule, allowedElsewhereFirst, virtualNetworkFirst };
    // Azure's own AllowVNet rules are left to each check: they come last, and only behind a route table
    // can their VirtualNetwork hold a default route.
    if (rule.access === 'Allow' && !DEFAULT_RULES.includes(rule) && goesElsewhere(rule, tagSide, traffic.routed !== false)) {
      allowedElsewhereFirst = true;
      if (traffic.routed !== false && prefixesOf(rule, tagSide).some((prefix) => String(prefix).toLowerCase() === 'virtualnetwork')) virtualNetworkFirst = true;
    }
  }
  return undefined;
}

/** Whether `rule` carries the protocol and port of `traffic` (undefined: not shown). */
function carries(rule: Record<string, any>, traffic: NsgTraffic): boolean | undefined {
  const protocol = String(rule.protocol);
  if (protocol !== '*' && protocol.toLowerCase() !== traffic.protocol.toLowerCase()) return false;
  const ranges = portsOf(rule, 'destination');
  if (ranges.some(isExpression)) return undefined;
  if (!ranges.some((range) => coversPort(range, traffic.port))) return false;
  // Clients pick their source ports: a rule on some of them decides only some of the traffic.
  return portsOf(rule, 'source').every((range) => range === '*' || range === '0-65535') ? true : undefined;
}

/**
 * A rule's source or destination port ranges, single and listed; the provider gives an unset single
 * value as '' beside a list (an exported or inline rule), which is left out.
 */
export function portsOf(rule: Record<string, any>, side: 'source' | 'destination'): unknown[] {
  return [rule[`${side}_port_range`], ...list(rule[`${side}_port_ranges`])].filter((range) => range !== undefined && range !== null && range !== '');
}

/** Whether a port range (`*`, `443`, `400-500`) holds `port`. */
function coversPort(range: unknown, port: number): boolean {
  if (range === '*' || range === port) return true;
  const [from, to = from] = String(range).split('-').map(Number);
  return from <= port && port <= to;
}

/** Whether `rule`'s `side` (its source or destination) holds the subnet whose prefixes are `subnet` (undefined: not shown). */
function holdsSubnet(rule: Record<string, any>, side: 'source' | 'destination', subnet: readonly string[] | undefined): boolean | undefined {
  if (list(rule[`${side}_application_security_group_ids`]).length > 0) return false;
  const verdicts = prefixesOf(rule, side).map((prefix): boolean | undefined => {
    if (isExpression(prefix)) return undefined;
    const text = String(prefix);
    // Internet is the address space outside the VNet (Learn "Virtual network service tags"): not the subnet.
    if (['*', '0.0.0.0/0', 'Any', 'VirtualNetwork'].some((name) => name.toLowerCase() === text.toLowerCase())) return true;
    const range = cidrOf(text);
    if (range === undefined) return false;
    const blocks = subnet?.map(cidrOf);
    if (blocks === undefined || blocks.some((block) => block === undefined)) return undefined;
    if (blocks.every((block) => block![1] >= range[1] && block![0].match(range))) return true;
    return blocks.some((block) => range[0].match(block!) || block![0].match(range)) ? undefined : false;
  });
  return verdicts.includes(true) ? true : verdicts.includes(undefined) ? undefined : false;
}

/** Whether `rule`'s `side` (its destination or source) covers the tag of `traffic` (undefined: not shown). */
function covers(rule: Record<string, any>, side: 'source' | 'destination', traffic: NsgTraffic): boolean | undefined {
  if (list(rule[`${side}_application_security_group_ids`]).length > 0) return false;
  const [base, region] = traffic.tag.split('.');
  // `Internet` itself (any public host) is covered by none of Azure's own tags.
  const names = traffic.tag === 'Internet' ? ['Internet', ...ANYWHERE]
    : [traffic.tag, base, 'AzureCloud', ...(region ? [`AzureCloud.${region}`] : []), 'Internet', ...ANYWHERE];
  const covering = new Set(names.map((name) => name.toLowerCase()));
  const prefixes = prefixesOf(rule, side);
  if (prefixes.some(isExpression)) return undefined;
  return prefixes.some((prefix) => {
    const text = String(prefix).toLowerCase();
    if (covering.has(text)) return true;
    // A tag of the same service in another region: `<base>.<region>`, the region one the catalog knows.
    const [otherBase, otherRegion, ...rest] = text.split('.');
    return traffic.allowedInAnyRegion === true && rule.access === 'Allow' && rest.length === 0 && otherBase === base.toLowerCase() &&
      otherRegion !== undefined && regionSuffixes().has(otherRegion);
  });
}

/** Whether an allow's `side` may be a host a task needs though it is not the tag asked about. */
function goesElsewhere(rule: Record<string, any>, side: 'source' | 'destination', routed: boolean): boolean {
  if (list(rule[`${side}_application_security_group_ids`]).length > 0) return true;
  return prefixesOf(rule, side).some((prefix) => {
    const text = String(prefix);
    if (text.toLowerCase() === 'virtualnetwork') return routed;
    const block = cidrOf(text);
    // 0.0.0.0/1 starts at the unspecified address, and holds half the public space.
    return block !== undefined && block[1] > 0 && (block[0].range() === 'unicast' || block[0].range() === 'unspecified');
  });
}

let suffixes: ReadonlySet<string> | undefined;

/** Service-tag suffixes of the regions in the catalog, lower case (`eastus`, `westeurope`); built on first use. */
function regionSuffixes(): ReadonlySet<string> {
  return (suffixes ??= new Set(AzureRegion.all().map((region) => region.serviceTagSuffix.toLowerCase())));
}

/** An IPv4 address or range as ipaddr.js parses it, or undefined. */
function cidrOf(text: string): [ipaddr.IPv4, number] | undefined {
  const [address, length = '32'] = text.split('/');
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) || !/^\d{1,2}$/.test(length) || Number(length) > 32) return undefined;
  return [ipaddr.IPv4.parse(address), Number(length)];
}

/** What the stack shows of the security of the subnet a pool runs in. */
export interface PoolSubnetSecurity {
  /** The NSGs the stack associates with the subnet. */
  readonly nsgs: ResourceView[];
  /** The subnet's address prefixes, when the stack creates it with literal ones. */
  readonly subnet: readonly string[] | undefined;
  /** Whether the subnet may have a route table: one is associated, or the subnet is not in the stack. */
  readonly routed: boolean;
}

/**
 * The security of the subnet `pool` runs in: for a subnet the stack creates, and for one it names by
 * a literal id (an imported subnet), whose associations name the same id (ARM ids compare
 * case-insensitively).
 */
export function poolSubnetSecurity(stack: StackView, pool: ResourceView): PoolSubnetSecurity {
  const subnetId = block(pool.attributes.network_configuration)?.subnet_id;
  const subnet = stack.target(subnetId, 'azurerm_subnet');
  const associated = (type: string) => subnetAssociations(stack, subnetId, type);
  const prefixes = list(subnet?.attributes.address_prefixes);
  return {
    nsgs: associated('azurerm_subnet_network_security_group_association')
      .map((association) => stack.target(association.attributes.network_security_group_id, 'azurerm_network_security_group'))
      .filter((nsg): nsg is ResourceView => nsg !== undefined),
    subnet: prefixes.length > 0 && !prefixes.some(isExpression) ? prefixes.map(String) : undefined,
    routed: subnet === undefined || associated('azurerm_subnet_route_table_association').length > 0,
  };
}

/** A rule's source or destination prefixes, single and listed. */
function prefixesOf(rule: Record<string, any>, side: 'source' | 'destination'): unknown[] {
  return [rule[`${side}_address_prefix`], ...list(rule[`${side}_address_prefixes`])].filter((prefix) => prefix !== undefined && prefix !== null && prefix !== '');
}

/** Whether `rule`'s destination names `tag` or its cloud-wide form (`BatchNodeManagement`), in any letter case. */
export function namesTag(rule: Record<string, any>, tag: string): boolean {
  const names = [tag, tag.split('.')[0]].map((name) => name.toLowerCase());
  return prefixesOf(rule, 'destination').some((prefix) => typeof prefix === 'string' && names.includes(prefix.toLowerCase()));
}

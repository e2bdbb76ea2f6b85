import { type NatGateway, NetworkSecurityGroup, type PublicIp, type RouteTable, type Subnet, VirtualNetwork } from '../azurerm';
import { TerraformResource } from '../engine';
import { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { literalTags } from '../private/literal';
import { NameRules, physicalNameProblem, resourceGroupNameProblem } from '../private/names';
import { Problem, throwIfProblems } from '../private/problems';
import { parseBlock, planNewNetwork } from './address-plan';
import { SubnetImportProps, SubnetsInVirtualNetwork, ImportedSubnet, VirtualNetworkImportProps } from './imported-network';
import { Egress, egressProblems } from './egress';
import type { NetworkRule } from './network-rule';
import type { ServiceTag } from './service-tag';
import type { NodeCommunicationRuleSet } from './node-communication-rule-set';
import { createPoolSubnets, givenSubnetBlocks, IBatchNetwork, KnownBlock, PoolNetworkCore, PoolNetworkOptions, subnetNames } from './pool-network';

/** Properties of a {@link BatchNetwork}. */
export interface BatchNetworkProps extends PoolNetworkOptions {
  /** Resource group for the resources this construct creates. */
  readonly resourceGroupName: string;
  /** Address space of the VNet, e.g. `10.10.0.0/16`. */
  readonly addressSpace: string;
  /**
   * Address prefix of the pool subnet; must lie inside the VNet.
   * @default - the first half of `addressSpace` (`10.10.0.0/17` for `10.10.0.0/16`), leaving the
   * second half for private endpoints and other subnets
   */
  readonly poolSubnetPrefix?: string;
  /**
   * Address prefix of the subnet for private endpoints (Batch account, node management, blob); must
   * lie inside the VNet and not overlap the pool subnet.
   * @default - the first /26 of the second half of `addressSpace` (the whole second half when
   * smaller); none for a /29, whose endpoints share the pool subnet
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * Stem of the generated names: `vnet-<baseName>`, `snet-<baseName>-pool`, `nsg-<baseName>-pool`.
   * @default - derived from the construct path and a short hash
   */
  readonly baseName?: string;
  /** Name of the VNet. @default `vnet-<baseName>` */
  readonly virtualNetworkName?: string;
  /** Name of the pool subnet. @default `snet-<baseName>-pool` */
  readonly subnetName?: string;
  /** Name of the NSG. @default `nsg-<baseName>-pool` */
  readonly networkSecurityGroupName?: string;
}

/**
 * The network Batch pools run in: a VNet, a pool subnet, a private-endpoint subnet and an NSG carrying
 * the exact `BatchNodeManagement.<Region>` rules of a node-communication rule set, associated with both
 * subnets. To place pools in a network that exists, import it with {@link BatchNetwork.fromSubnetId} or
 * {@link BatchNetwork.fromVirtualNetworkId}; every consumer takes {@link IBatchNetwork}.
 *
 * Rules are values ({@link NetworkRule}): the rule set's sit at fixed priorities from `firstPriority`,
 * yours follow in declaration order (or at the priority you pin); covered rules are skipped and
 * colliding priorities rejected. Nothing allows inbound traffic from the Internet. Once the tree is
 * complete, the pool subnet is checked against the pools placed in it (their nodes, plus the largest
 * pool again for a replacement) and container pools against Docker's bridge.
 *
 * @example
 * ```ts
 * const network = new BatchNetwork(this, 'Network', {
 *   region: AzureRegion.of('eastus'),
 *   resourceGroupName: group.name,
 *   addressSpace: '10.10.0.0/16',
 *   ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
 * });
 * network.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443)));
 * ```
 */
export class BatchNetwork extends Construct implements IBatchNetwork {
  /**
   * Imports a subnet that exists: pools are placed in it as it is. The rule set's rules (and yours) are
   * added to the NSG given by `networkSecurityGroupId`, or to a new NSG associated with the subnet.
   * Private endpoints go into the subnet itself.
   */
  public static fromSubnetId(scope: Construct, id: string, subnetId: string, props: SubnetImportProps): IBatchNetwork {
    return new ImportedSubnet(scope, id, subnetId, props);
  }

  /**
   * Imports a VNet that exists and creates the pool subnet (and, when given a prefix, the endpoint
   * subnet) in it, with a new NSG carrying the rules.
   */
  public static fromVirtualNetworkId(scope: Construct, id: string, virtualNetworkId: string, props: VirtualNetworkImportProps): IBatchNetwork {
    return new SubnetsInVirtualNetwork(scope, id, virtualNetworkId, props);
  }

  /**
   * Whether two address spaces share an address, so VNets using them could not be peered: for checks
   * across regions. Values that are not CIDR blocks are left to the network that takes them.
   * @returns `undefined` when either value is not an IPv4 CIDR block
   */
  public static addressSpacesOverlap(a: string, b: string): boolean | undefined {
    const [first, second] = [a, b].map((text) => parseBlock([], '', text));
    return first === undefined || second === undefined ? undefined : first.overlaps(second);
  }

  /** Region of the network; the service tags of its rules are this region's. */
  public readonly region: AzureRegion;
  /** The VNet (id `Resource`). */
  public readonly resource: VirtualNetwork;
  /** The pool subnet. */
  public readonly subnet: Subnet;
  /** The private-endpoint subnet, unless the address space is a single /29. */
  public readonly privateEndpointSubnet?: Subnet;

  private readonly core: PoolNetworkCore;

  constructor(scope: Construct, id: string, props: BatchNetworkProps) {
    super(scope, id);
    this.region = props.region;
    this.core = new PoolNetworkCore(this, props.region);
    const problems: Problem[] = [];
    const plan = planNewNetwork(props, problems);
    problems.push(...egressProblems(props.egress, props.region));
    const naming = subnetNames(this, props);
    const names = { ...naming.names, virtualNetwork: props.virtualNetworkName ?? `vnet-${naming.baseName}` };
    for (const problem of [
      resourceGroupNameProblem(props.resourceGroupName),
      physicalNameProblem(NameRules.virtualNetwork, names.virtualNetwork, { path: 'virtualNetworkName', value: props.virtualNetworkName }, { path: 'baseName', value: props.baseName }),
      ...naming.problems,
    ]) if (problem) problems.push(problem);
    throwIfProblems(this, problems);

    const tags = literalTags(props.tags);
    this.resource = new VirtualNetwork(this, 'Resource', {
      name: names.virtualNetwork,
      resourceGroupName: props.resourceGroupName,
      location: props.region.name,
      addressSpace: [props.addressSpace],
      // Through a hub, nodes resolve names with the hub's DNS servers (Egress.throughHub dnsServers).
      dnsServers: props.egress?.hubOptions?.dnsServers.length ? [...props.egress.hubOptions.dnsServers] : undefined,
      tags,
    });
    const subnets = createPoolSubnets(this, {
      names, resourceGroupName: this.resource.resourceGroupName, virtualNetworkName: this.resource.name,
      poolPrefix: plan.poolSubnet?.toString() ?? props.poolSubnetPrefix!, endpointPrefix: plan.endpointSubnet?.toString(),
      egress: props.egress,
    }, { name: names.networkSecurityGroup, resourceGroupName: props.resourceGroupName });
    this.subnet = subnets.subnet;
    this.privateEndpointSubnet = subnets.endpointSubnet;
    const space = parseBlock([], 'addressSpace', props.addressSpace);
    // An address space known only at deploy time: the subnets whose blocks were given are checked.
    const knownBlocks: KnownBlock[] = space ? [{ block: space, path: 'addressSpace', value: props.addressSpace }] : givenSubnetBlocks(plan, props);
    this.core.settle({
      virtualNetworkId: this.resource.id,
      subnetId: this.subnet.id,
      privateEndpointSubnetId: this.privateEndpointSubnet?.id ?? this.subnet.id,
      plan,
      knownBlocks,
      egress: { baseName: naming.baseName, resourceGroupName: props.resourceGroupName, subnetCreated: true },
      // The VNet's DNS servers are the hub's (set on it above) or Azure's.
      dnsServers: [...(props.egress?.hubOptions?.dnsServers ?? [])],
      networkSecurityGroup: subnets.networkSecurityGroup,
    }, props);
  }

  /** The node-communication rule set the NSG carries: `ruleSet`, `NodeCommunicationRuleSet.SIMPLIFIED` unless given. */
  public get ruleSet(): NodeCommunicationRuleSet {
    return this.core.ruleSet;
  }

  /** ARM id of the VNet: a reference to {@link BatchNetwork.resource}. */
  public get virtualNetworkId(): string {
    return this.core.virtualNetworkId;
  }

  /** ARM id of the pool subnet: a reference to {@link BatchNetwork.subnet}. */
  public get subnetId(): string {
    return this.core.subnetId;
  }

  /**
   * Address prefix of the pool subnet, e.g. `10.10.0.0/17`: `poolSubnetPrefix` or the planned default;
   * undefined when the address space is known only at deploy time and no prefix was given.
   */
  public get subnetPrefix(): string | undefined {
    return this.core.subnetPrefix;
  }

  /** ARM id of the subnet private endpoints go into: the endpoint subnet, or the pool subnet for a /29. */
  public get privateEndpointSubnetId(): string {
    return this.core.privateEndpointSubnetId;
  }

  /**
   * Address prefix of the subnet private endpoints go into, e.g. `10.10.128.0/26`; undefined when the
   * address space is known only at deploy time and no prefix was given.
   */
  public get privateEndpointSubnetPrefix(): string | undefined {
    return this.core.privateEndpointSubnetPrefix;
  }

  /** ARM id of the NSG: a reference to {@link BatchNetwork.networkSecurityGroup}. */
  public get networkSecurityGroupId(): string {
    return this.core.networkSecurityGroupId;
  }

  /** The NSG this construct creates (id `NetworkSecurityGroup`), associated with both subnets. */
  public get networkSecurityGroup(): NetworkSecurityGroup {
    return this.core.networkSecurityGroup!;
  }

  /** The rules the NSG carries, with their priorities, in the order they were added. */
  public get rules(): readonly NetworkRule[] {
    return this.core.rules;
  }

  /** Whether the NSG denies every outbound destination its rules do not allow (`restrictOutbound`). */
  public get restrictOutbound(): boolean {
    return this.core.restrictOutbound;
  }

  /** How nodes reach destinations outside the VNet: `egress`, `Egress.none()` unless given. */
  public get egress(): Egress {
    return this.core.egress;
  }

  /** The NAT gateway (id `Egress/NatGateway`), for `Egress.natGateway`. */
  public get natGateway(): NatGateway | undefined {
    return this.core.egressResources.natGateway;
  }

  /** The NAT gateway's public IPs (ids `Egress/PublicIp<n>`): the addresses outside services allow-list. */
  public get natGatewayPublicIps(): readonly PublicIp[] {
    return this.core.egressResources.publicIps;
  }

  /** The route table to the hub (id `Egress/RouteTable`), for `Egress.throughHub({ nextHopIpAddress })`. */
  public get routeTable(): RouteTable | undefined {
    return this.core.egressResources.routeTable;
  }

  /**
   * What pool nodes wait for before they boot: the NSG's association with the pool subnet, every rule
   * added so far, and the egress's associations and routes. Pools read it at synth, so it includes what
   * was added after them.
   */
  public get nodeReadiness(): readonly TerraformResource[] {
    return this.core.nodeReadiness;
  }

  /** Sends traffic for `tag` straight to the Internet, past the hub (see {@link IBatchNetwork.routeToInternet}). */
  public routeToInternet(tag: ServiceTag): TerraformResource | undefined {
    return this.core.routeToInternet(tag);
  }

  /** The service tags routed straight to the Internet so far, by name. */
  public get routedToInternet(): readonly string[] {
    return this.core.routedToInternet;
  }

  /**
   * Adds a rule to the NSG and returns it with its priority. A rule covered by one already present is
   * skipped (the covering rule is returned); a name or priority already taken is an error.
   */
  public addRule(rule: NetworkRule): NetworkRule {
    return this.core.addRule(rule);
  }
}

export type { IBatchNetwork } from './pool-network';

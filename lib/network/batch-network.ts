import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Annotations, Fn, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { ArmIdParts, parseArmId } from '../private/arm-id';
import { AZURE_RESERVED_ADDRESSES_PER_SUBNET, Ipv4Cidr, prefixLengthFor, SMALLEST_SUBNET_PREFIX } from '../private/cidr';
import { literal, literalTags } from '../private/literal';
import { baseNameFromPath, NameRules, physicalNameProblem } from '../private/names';
import { Problem, fail, throwIfProblems } from '../private/problems';
import { MAX_RULE_PRIORITY, NetworkRule, TrafficDirection } from './network-rule';
import {
  DEFAULT_FIRST_PRIORITY,
  nodeCommunicationRules,
  NodeCommunicationRuleSet,
  RULE_SET_PRIORITY_BAND,
  shadows,
} from './node-communication-rule-set';
import { Peer } from './peer';
import { Port } from './port';

/** Docker's default bridge network, which container pools' VNets must not overlap. */
export const DOCKER_BRIDGE_CIDR = '172.17.0.0/16';

/** Default size of the private-endpoint subnet: 59 usable addresses, room for many endpoints. */
const ENDPOINT_SUBNET_PREFIX = 26;

/** Gap between derived priorities, leaving room to insert rules with pinned priorities. */
const PRIORITY_STEP = 10;

/** A virtual network that exists outside this construct, in which the pool subnet is created. */
export interface ExistingVirtualNetwork {
  /** ARM id of the virtual network; must be in the Batch account's subscription and region. */
  readonly id: string;
  /**
   * The VNet's address prefixes, to check that the pool subnet lies inside them.
   * @default - not checked: Azure rejects a subnet outside the VNet at deploy time
   */
  readonly addressSpace?: string[];
}

/** A subnet that exists outside this construct; pools are placed in it as it is. */
export interface ExistingSubnet {
  /** ARM id of the subnet; its VNet must be in the Batch account's subscription and region. */
  readonly id: string;
  /**
   * The subnet's address prefix, to check its size against `maxNodeCount` and its overlap with
   * Docker's bridge.
   * @default - not checked; a warning says so when a check needed it
   */
  readonly addressPrefix?: string;
  /**
   * ARM id of the NSG already associated with the subnet. The rule set's rules are added to it as
   * separate rules; no NSG or association is created. Its own rules must not use the priorities this
   * network assigns (see `firstPriority`).
   * @default - a new NSG is created and associated with the subnet, which must have none yet
   */
  readonly networkSecurityGroupId?: string;
}

/** Properties of a {@link BatchNetwork}. */
export interface BatchNetworkProps {
  /** Region of the VNet; the service tags of the rules are this region's. */
  readonly region: AzureRegion;
  /** Resource group for the resources this construct creates. */
  readonly resourceGroupName: string;
  /**
   * The node-communication rules the NSG carries.
   * @default NodeCommunicationRuleSet.SIMPLIFIED
   */
  readonly ruleSet?: NodeCommunicationRuleSet;
  /**
   * Address space of a new VNet, e.g. `10.10.0.0/16`. Give exactly one of `addressSpace`,
   * `existingVirtualNetwork` and `existingSubnet`.
   * @default - none; required unless an existing VNet or subnet is given
   */
  readonly addressSpace?: string;
  /**
   * Address prefix of the pool subnet; must lie inside the VNet. Required with `existingVirtualNetwork`.
   * @default - the first half of `addressSpace` (`10.10.0.0/17` for `10.10.0.0/16`), leaving the
   * second half for private endpoints and other subnets
   */
  readonly poolSubnetPrefix?: string;
  /**
   * Address prefix of the subnet for private endpoints (Batch account, node management, blob); must
   * lie inside the VNet and not overlap the pool subnet.
   * @default - in a new VNet, the first /26 of the second half of `addressSpace` (the whole second half
   * when smaller); in an adopted VNet or subnet, none: endpoints go into the pool subnet
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * Adopt this VNet and create the pool subnet (and NSG) in it.
   * @default - a new VNet is created
   */
  readonly existingVirtualNetwork?: ExistingVirtualNetwork;
  /**
   * Adopt this subnet for the pools; only the NSG rules (and the NSG, unless given) are created.
   * @default - a new subnet is created
   */
  readonly existingSubnet?: ExistingSubnet;
  /**
   * Extra rules, after the rule set's, in declaration order. A rule already covered is skipped.
   * @default - none
   */
  readonly rules?: NetworkRule[];
  /**
   * Deny all other outbound traffic at priority 4096, so only the rule set's allows and yours leave the
   * subnet (the seed's data-exfiltration control). This also blocks traffic to other subnets, private
   * endpoints and the Internet: allow what your pools need, e.g. the private-endpoint subnet on 443.
   * @default false
   */
  readonly restrictOutbound?: boolean;
  /**
   * The most nodes the pools in this subnet hold at once (dedicated + Spot, every pool). Each needs
   * one address; Azure keeps 5 per subnet.
   * @default 0 - no capacity check beyond Azure's smallest subnet (/29)
   */
  readonly maxNodeCount?: number;
  /**
   * Whether container pools run in this network; their VNet must not overlap Docker's default bridge
   * `172.17.0.0/16`.
   * @default false
   */
  readonly containerPools?: boolean;
  /**
   * Whether the subnet keeps Azure's implicit default outbound Internet access. Off makes it a private
   * subnet: nodes reach Batch through the `nodeManagement` private endpoint or an explicit egress (NAT
   * gateway, firewall). Applies to subnets this construct creates.
   * @default false
   */
  readonly defaultOutboundAccess?: boolean;
  /**
   * First priority of the rule set's band (100 priorities per direction); your rules are numbered
   * after the band. Move it when adopting an NSG whose rules use 100-199.
   * @default 100
   */
  readonly firstPriority?: number;
  /**
   * Stem of the generated names: `vnet-<baseName>`, `snet-<baseName>-pool`, `nsg-<baseName>-pool`.
   * @default - derived from the construct path and a short hash
   */
  readonly baseName?: string;
  /** @default `vnet-<baseName>` */
  readonly virtualNetworkName?: string;
  /** @default `snet-<baseName>-pool` */
  readonly subnetName?: string;
  /** @default `nsg-<baseName>-pool` */
  readonly networkSecurityGroupName?: string;
  /**
   * Tags on every resource created here.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The network Batch pools run in: a VNet, a pool subnet and an NSG carrying the exact
 * `BatchNodeManagement.<Region>` rules of a node-communication rule set, associated with the subnet.
 * Adopts an existing VNet or subnet instead when given one; then it creates only what it owns.
 *
 * Rules are values ({@link NetworkRule}): the rule set's sit at fixed priorities from `firstPriority`,
 * yours follow in declaration order (or at the priority you pin); covered rules are skipped and
 * colliding priorities rejected. Nothing allows inbound traffic from the Internet.
 *
 * @example
 * const network = new BatchNetwork(this, 'Network', {
 *   region: AzureRegion.of('eastus'),
 *   resourceGroupName: group.name,
 *   addressSpace: '10.10.0.0/16',
 *   ruleSet: NodeCommunicationRuleSet.SIMPLIFIED,
 * });
 * network.addRule(NetworkRule.allowOutbound(ServiceTag.of('AzureContainerRegistry.EastUS'), Port.tcp(443)));
 */
export class BatchNetwork extends Construct {
  /** The VNet, when this construct created it (id `Resource`). */
  public readonly resource?: VirtualNetwork;
  /** The pool subnet, when this construct created it. */
  public readonly subnet?: Subnet;
  /** The NSG, when this construct created it. */
  public readonly networkSecurityGroup?: NetworkSecurityGroup;
  /** The rule set the NSG carries. */
  public readonly ruleSet: NodeCommunicationRuleSet;
  /** The region of the network. */
  public readonly region: AzureRegion;
  /** ARM id of the pool subnet. */
  public readonly subnetId: string;
  /** ARM id of the NSG that carries the rules. */
  public readonly networkSecurityGroupId: string;
  /** Address prefix of the pool subnet, when known at synth time. */
  public readonly subnetPrefix?: string;
  /** The private-endpoint subnet, when this construct created one. */
  public readonly privateEndpointSubnet?: Subnet;
  /** ARM id of the subnet private endpoints go into: the endpoint subnet, or else the pool subnet. */
  public readonly privateEndpointSubnetId: string;
  /** Address prefix of the subnet private endpoints go into, when known at synth time. */
  public readonly privateEndpointSubnetPrefix?: string;
  /** ARM id of the VNet the pool subnet is in. */
  public readonly virtualNetworkId: string;

  private readonly nsgName: string;
  private readonly nsgResourceGroupName: string;
  private readonly rulesScope: Construct;
  private readonly addedRules: NetworkRule[] = [];
  private readonly nodeDependencies: TerraformResource[] = [];
  private readonly rulePriorityStart: number;

  constructor(scope: Construct, id: string, props: BatchNetworkProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const plan = planNetwork(props, problems);
    const baseName = props.baseName ?? baseNameFromPath(this);
    const names = {
      virtualNetwork: props.virtualNetworkName ?? `vnet-${baseName}`,
      subnet: props.subnetName ?? `snet-${baseName}-pool`,
      endpointSubnet: `snet-${baseName}-endpoints`,
      networkSecurityGroup: props.networkSecurityGroupName ?? `nsg-${baseName}-pool`,
    };
    const stem = { path: 'baseName', value: props.baseName };
    problems.push(...[
      physicalNameProblem(NameRules.resourceGroup, props.resourceGroupName, { path: 'resourceGroupName', value: props.resourceGroupName }, stem),
      physicalNameProblem(NameRules.virtualNetwork, names.virtualNetwork, { path: 'virtualNetworkName', value: props.virtualNetworkName }, stem),
      physicalNameProblem(NameRules.subnet, names.subnet, { path: 'subnetName', value: props.subnetName }, stem),
      physicalNameProblem(NameRules.networkSecurityGroup, names.networkSecurityGroup, { path: 'networkSecurityGroupName', value: props.networkSecurityGroupName }, stem),
    ].filter((problem): problem is Problem => problem !== undefined));
    const firstPriority = props.firstPriority ?? DEFAULT_FIRST_PRIORITY;
    const lastBandPriority = MAX_RULE_PRIORITY - 1 - RULE_SET_PRIORITY_BAND;
    if (!Number.isInteger(firstPriority) || firstPriority < DEFAULT_FIRST_PRIORITY || firstPriority > lastBandPriority) {
      problems.push({
        path: 'firstPriority', value: firstPriority,
        message: `is out of range; use an integer from ${DEFAULT_FIRST_PRIORITY} to ${lastBandPriority} so the rule set's band of ${RULE_SET_PRIORITY_BAND} fits below ${MAX_RULE_PRIORITY}`,
      });
    }
    throwIfProblems(`BatchNetwork ${this.node.path}`, problems);

    this.region = props.region;
    this.ruleSet = props.ruleSet ?? NodeCommunicationRuleSet.SIMPLIFIED;
    this.subnetPrefix = plan.subnetPrefix;
    this.rulePriorityStart = firstPriority + RULE_SET_PRIORITY_BAND;
    const location = props.region.name;
    const tags = literalTags(props.tags);

    if (plan.mode === 'adopt-subnet') {
      this.subnetId = plan.subnetId;
      this.virtualNetworkId = virtualNetworkIdOf(plan.subnetId);
    } else {
      let virtualNetworkName = plan.mode === 'adopt-vnet' ? plan.vnetName : names.virtualNetwork;
      let virtualNetworkResourceGroup = plan.mode === 'adopt-vnet' ? plan.vnetResourceGroup : props.resourceGroupName;
      if (plan.mode === 'create') {
        this.resource = new VirtualNetwork(this, 'Resource', {
          name: names.virtualNetwork,
          resourceGroupName: props.resourceGroupName,
          location,
          addressSpace: [plan.addressSpace],
          tags,
        });
        virtualNetworkName = this.resource.name;
        virtualNetworkResourceGroup = this.resource.resourceGroupName;
        this.virtualNetworkId = this.resource.id;
      } else {
        this.virtualNetworkId = plan.vnetId;
      }
      this.subnet = new Subnet(this, 'PoolSubnet', {
        name: names.subnet,
        resourceGroupName: virtualNetworkResourceGroup,
        virtualNetworkName,
        addressPrefixes: [plan.subnetPrefix!],
        defaultOutboundAccessEnabled: props.defaultOutboundAccess ?? false,
      });
      this.subnetId = this.subnet.id;
      if (plan.endpointSubnetPrefix !== undefined) {
        this.privateEndpointSubnet = new Subnet(this, 'EndpointSubnet', {
          name: names.endpointSubnet,
          resourceGroupName: virtualNetworkResourceGroup,
          virtualNetworkName,
          addressPrefixes: [plan.endpointSubnetPrefix],
          defaultOutboundAccessEnabled: false,
        });
      }
    }
    this.privateEndpointSubnetId = this.privateEndpointSubnet?.id ?? this.subnetId;
    this.privateEndpointSubnetPrefix = plan.mode === 'adopt-subnet' ? plan.subnetPrefix : plan.endpointSubnetPrefix ?? plan.subnetPrefix;

    if (plan.mode === 'adopt-subnet' && plan.existingNsg !== undefined) {
      this.networkSecurityGroupId = plan.existingNsg.id;
      this.nsgName = plan.existingNsg.parts.names[0];
      this.nsgResourceGroupName = plan.existingNsg.parts.resourceGroupName;
    } else {
      this.networkSecurityGroup = new NetworkSecurityGroup(this, 'NetworkSecurityGroup', {
        name: names.networkSecurityGroup,
        resourceGroupName: props.resourceGroupName,
        location,
        tags,
      });
      this.nodeDependencies.push(new SubnetNetworkSecurityGroupAssociation(this, 'NetworkSecurityGroupAssociation', {
        subnetId: this.subnetId,
        networkSecurityGroupId: this.networkSecurityGroup.id,
      }));
      if (this.privateEndpointSubnet) {
        // Every subnet gets an NSG; endpoints accept traffic from the VNet by Azure's default rules.
        new SubnetNetworkSecurityGroupAssociation(this, 'EndpointSubnetNetworkSecurityGroupAssociation', {
          subnetId: this.privateEndpointSubnet.id,
          networkSecurityGroupId: this.networkSecurityGroup.id,
        });
      }
      this.networkSecurityGroupId = this.networkSecurityGroup.id;
      this.nsgName = this.networkSecurityGroup.name;
      this.nsgResourceGroupName = props.resourceGroupName;
    }

    this.rulesScope = new Construct(this, 'Rules');
    for (const rule of nodeCommunicationRules(this.ruleSet, props.region, firstPriority)) this.place(rule);
    if (props.restrictOutbound) {
      if (this.privateEndpointSubnetPrefix !== undefined) {
        // Nodes reach Batch node management and auto-storage through the private endpoints.
        this.place(NetworkRule.allowOutbound(Peer.ipv4(this.privateEndpointSubnetPrefix), Port.tcp(443), {
          priority: MAX_RULE_PRIORITY - 1,
          description: 'Outbound lockdown: nodes reach the private endpoints on 443',
        }));
      }
      this.place(NetworkRule.denyOutbound(Peer.anyAddress(), Port.allTraffic(), {
        name: 'Deny-Out-All',
        priority: MAX_RULE_PRIORITY,
        description: 'Outbound lockdown: only the allow rules above leave the subnet',
      }));
    }
    for (const rule of props.rules ?? []) this.addRule(rule);

    this.warnAboutUncheckedInputs(props, plan);
  }

  /**
   * What must exist before pool nodes boot in the subnet: the NSG's association with it and every rule
   * added so far (pools read it at synth, so it includes rules added after them).
   */
  public get nodeReadiness(): readonly TerraformResource[] {
    return [...this.nodeDependencies];
  }

  /** The rules the NSG carries, with their priorities, in the order they were added. */
  public get rules(): readonly NetworkRule[] {
    return [...this.addedRules];
  }

  /**
   * Adds a rule to the NSG and returns it with its priority. A rule covered by one already present is
   * skipped (the covering rule is returned); a name or priority already taken is an error.
   */
  public addRule(rule: NetworkRule): NetworkRule {
    if (rule.priority !== undefined && rule.priority < this.rulePriorityStart) {
      fail(
        `BatchNetwork ${this.node.path}: rule ${rule.name} pins priority ${rule.priority}, inside ${this.rulePriorityStart - RULE_SET_PRIORITY_BAND}-${this.rulePriorityStart - 1}, ` +
          `the band kept for the node-communication rules; pin ${this.rulePriorityStart} or more, or leave it unset.`,
      );
    }
    return this.place(rule);
  }

  /** Adds `rule` unless a rule evaluated before it already matches all its traffic. */
  private place(rule: NetworkRule): NetworkRule {
    const subject = `BatchNetwork ${this.node.path}`;
    const placed = rule.priority === undefined ? rule.withPriority(this.nextFreePriority(rule.direction)) : rule;
    const shadowing = this.addedRules.find((existing) => shadows(existing, placed));
    if (shadowing) return shadowing;
    const sameName = this.addedRules.find((existing) => existing.name === placed.name);
    if (sameName) {
      fail(`${subject}: rule name ${JSON.stringify(placed.name)} is taken by ${sameName}; give the new rule another name.`);
    }
    const collision = this.addedRules.find((existing) => existing.direction === placed.direction && existing.priority === placed.priority);
    if (collision) {
      fail(
        `${subject}: rule ${placed.name} has priority ${placed.priority}, already taken by ${collision.name} (${placed.direction.toLowerCase()}); ` +
          `pin another priority, or leave it unset to take the next free slot from ${this.rulePriorityStart}.`,
      );
    }
    this.addedRules.push(placed);
    const inbound = placed.direction === TrafficDirection.INBOUND;
    this.nodeDependencies.push(new NetworkSecurityRule(this.rulesScope, placed.name, {
      name: placed.name,
      resourceGroupName: this.nsgResourceGroupName,
      networkSecurityGroupName: this.nsgName,
      priority: placed.priority!,
      direction: placed.direction,
      access: placed.access,
      protocol: placed.port.protocol,
      sourcePortRange: '*',
      destinationPortRange: placed.port.portRange,
      sourceAddressPrefix: inbound ? placed.peer.addressPrefix : '*',
      destinationAddressPrefix: inbound ? '*' : placed.peer.addressPrefix,
      description: placed.description === undefined ? undefined : literal(placed.description),
    }));
    return placed;
  }

  private nextFreePriority(direction: TrafficDirection): number {
    const taken = new Set(this.addedRules.filter((rule) => rule.direction === direction).map((rule) => rule.priority));
    for (let priority = this.rulePriorityStart; priority < MAX_RULE_PRIORITY; priority += PRIORITY_STEP) {
      if (!taken.has(priority)) return priority;
    }
    fail(`BatchNetwork ${this.node.path}: no free ${direction.toLowerCase()} priority is left below ${MAX_RULE_PRIORITY}; pin priorities or merge rules.`);
  }

  private warnAboutUncheckedInputs(props: BatchNetworkProps, plan: NetworkPlan): void {
    if (plan.mode !== 'adopt-subnet' || plan.subnetPrefix) return;
    if ((props.maxNodeCount ?? 0) > 0 || props.containerPools) {
      Annotations.of(this).addWarning(
        'existingSubnet.addressPrefix is not given, so the subnet size and its overlap with Docker\'s bridge 172.17.0.0/16 are not checked; give the prefix to check them.',
      );
    }
  }
}

type NetworkPlan =
  | { readonly mode: 'create'; readonly addressSpace: string; readonly subnetPrefix?: string; readonly endpointSubnetPrefix?: string }
  | {
    readonly mode: 'adopt-vnet'; readonly vnetId: string; readonly vnetName: string; readonly vnetResourceGroup: string;
    readonly subnetPrefix?: string; readonly endpointSubnetPrefix?: string;
  }
  | { readonly mode: 'adopt-subnet'; readonly subnetId: string; readonly subnetPrefix?: string; readonly existingNsg?: { readonly id: string; readonly parts: ArmIdParts } };

/** Checks the addressing props together and decides what to create; appends every problem found. */
function planNetwork(props: BatchNetworkProps, problems: Problem[]): NetworkPlan {
  const sources = (['addressSpace', 'existingVirtualNetwork', 'existingSubnet'] as const).filter((key) => props[key] !== undefined);
  if (sources.length === 0) {
    problems.push({
      path: 'addressSpace', value: undefined,
      message: 'is required; give addressSpace for a new VNet, or existingVirtualNetwork or existingSubnet to adopt one',
    });
  }
  for (const extra of sources.slice(1)) {
    const given = props[extra];
    problems.push({
      path: extra, value: typeof given === 'object' ? given.id : given,
      message: `cannot be combined with ${sources[0]}; give exactly one of addressSpace, existingVirtualNetwork and existingSubnet`,
    });
  }
  const maxNodeCount = props.maxNodeCount ?? 0;
  if (!Number.isInteger(maxNodeCount) || maxNodeCount < 0) {
    problems.push({ path: 'maxNodeCount', value: maxNodeCount, message: 'is not a node count; use a whole number of 0 or more' });
  }

  if (props.existingSubnet) {
    const existing = props.existingSubnet;
    if (props.poolSubnetPrefix !== undefined) {
      problems.push({ path: 'poolSubnetPrefix', value: props.poolSubnetPrefix, message: 'cannot be set with existingSubnet; give the adopted subnet\'s prefix as existingSubnet.addressPrefix' });
    }
    if (props.privateEndpointSubnetPrefix !== undefined) {
      problems.push({
        path: 'privateEndpointSubnetPrefix', value: props.privateEndpointSubnetPrefix,
        message: 'cannot be set with existingSubnet: endpoints go into the adopted subnet; adopt the VNet instead to get an endpoint subnet',
      });
    }
    checkArmId(problems, 'existingSubnet.id', existing.id, 'subnet');
    const nsgId = existing.networkSecurityGroupId;
    const nsgParts = nsgId === undefined ? undefined : checkArmId(problems, 'existingSubnet.networkSecurityGroupId', nsgId, 'networkSecurityGroup');
    const prefix = parseCidr(problems, 'existingSubnet.addressPrefix', existing.addressPrefix);
    if (prefix) checkPoolSubnet(problems, 'existingSubnet.addressPrefix', prefix, maxNodeCount, props.containerPools);
    const existingNsg = nsgId !== undefined && nsgParts !== undefined ? { id: nsgId, parts: nsgParts } : undefined;
    return { mode: 'adopt-subnet', subnetId: existing.id, subnetPrefix: existing.addressPrefix, existingNsg };
  }

  if (props.existingVirtualNetwork) {
    const existing = props.existingVirtualNetwork;
    const parts = checkArmId(problems, 'existingVirtualNetwork.id', existing.id, 'virtualNetwork');
    const spaces = (existing.addressSpace ?? []).map((text, i) => parseCidr(problems, `existingVirtualNetwork.addressSpace[${i}]`, text));
    if (props.poolSubnetPrefix === undefined) {
      problems.push({ path: 'poolSubnetPrefix', value: undefined, message: 'is required with existingVirtualNetwork; give a free block of the VNet, e.g. "10.10.4.0/22"' });
    }
    const prefix = parseCidr(problems, 'poolSubnetPrefix', props.poolSubnetPrefix);
    if (prefix) {
      checkPoolSubnet(problems, 'poolSubnetPrefix', prefix, maxNodeCount, props.containerPools);
      const known = spaces.filter((space): space is Ipv4Cidr => space !== undefined);
      if (known.length > 0 && !known.some((space) => space.contains(prefix))) {
        problems.push({
          path: 'poolSubnetPrefix', value: props.poolSubnetPrefix,
          message: `is outside the VNet's address space (${known.join(', ')}); choose a block inside it`,
        });
      }
    }
    const known = spaces.filter((space): space is Ipv4Cidr => space !== undefined);
    const endpoint = parseCidr(problems, 'privateEndpointSubnetPrefix', props.privateEndpointSubnetPrefix);
    if (endpoint) checkEndpointSubnet(problems, endpoint, known, prefix);
    return {
      mode: 'adopt-vnet', vnetId: existing.id, vnetName: parts?.names[0] ?? '', vnetResourceGroup: parts?.resourceGroupName ?? '',
      subnetPrefix: props.poolSubnetPrefix, endpointSubnetPrefix: props.privateEndpointSubnetPrefix,
    };
  }

  const space = parseCidr(problems, 'addressSpace', props.addressSpace);
  if (space) {
    const forbidden = space.azureAddressSpaceProblem();
    if (forbidden) problems.push({ path: 'addressSpace', value: props.addressSpace, message: forbidden });
    if (props.containerPools) checkDockerBridge(problems, 'addressSpace', space);
  }
  let subnet = parseCidr(problems, 'poolSubnetPrefix', props.poolSubnetPrefix);
  if (props.poolSubnetPrefix === undefined) {
    if (space) {
      subnet = space.prefixLength < SMALLEST_SUBNET_PREFIX ? space.subnet(space.prefixLength + 1) : space;
    } else if (props.addressSpace !== undefined && Token.isUnresolved(props.addressSpace)) {
      problems.push({ path: 'poolSubnetPrefix', value: undefined, message: 'is required when addressSpace is known only at deploy time; give the pool subnet\'s block' });
    }
  }
  if (space && subnet) {
    if (!space.contains(subnet)) {
      problems.push({
        path: 'poolSubnetPrefix', value: props.poolSubnetPrefix,
        message: `is outside addressSpace ${space}; choose a block inside it, e.g. "${space.subnet(Math.min(space.prefixLength + 1, SMALLEST_SUBNET_PREFIX))}"`,
      });
    } else {
      if (props.poolSubnetPrefix === undefined) checkDerivedPoolSubnet(problems, props.addressSpace!, space, subnet, maxNodeCount);
      else checkPoolSubnet(problems, 'poolSubnetPrefix', subnet, maxNodeCount, false);
    }
  }
  let endpoint = parseCidr(problems, 'privateEndpointSubnetPrefix', props.privateEndpointSubnetPrefix);
  if (props.privateEndpointSubnetPrefix === undefined && space && space.prefixLength < SMALLEST_SUBNET_PREFIX) {
    const secondHalf = space.subnet(space.prefixLength + 1, 1);
    endpoint = secondHalf.prefixLength < ENDPOINT_SUBNET_PREFIX ? secondHalf.subnet(ENDPOINT_SUBNET_PREFIX) : secondHalf;
    if (subnet && endpoint.overlaps(subnet)) {
      problems.push({
        path: 'privateEndpointSubnetPrefix', value: undefined,
        message: `is needed: the default ${endpoint} overlaps poolSubnetPrefix ${subnet}; give a free block of addressSpace for private endpoints, e.g. a /${ENDPOINT_SUBNET_PREFIX}`,
      });
    }
  } else if (endpoint && space) {
    checkEndpointSubnet(problems, endpoint, [space], subnet);
  }
  return {
    mode: 'create', addressSpace: props.addressSpace ?? '', subnetPrefix: subnet?.toString() ?? props.poolSubnetPrefix,
    endpointSubnetPrefix: endpoint?.toString() ?? props.privateEndpointSubnetPrefix,
  };
}

/** The private-endpoint subnet lies in the VNet, is at least Azure's smallest subnet and leaves the pool subnet alone. */
function checkEndpointSubnet(problems: Problem[], endpoint: Ipv4Cidr, spaces: readonly Ipv4Cidr[], pool: Ipv4Cidr | undefined): void {
  const path = 'privateEndpointSubnetPrefix';
  if (endpoint.prefixLength > SMALLEST_SUBNET_PREFIX) {
    problems.push({ path, value: endpoint.toString(), message: `is smaller than Azure's smallest subnet; use a prefix length of /${SMALLEST_SUBNET_PREFIX} or shorter` });
  }
  if (spaces.length > 0 && !spaces.some((space) => space.contains(endpoint))) {
    problems.push({ path, value: endpoint.toString(), message: `is outside the VNet's address space (${spaces.join(', ')}); choose a block inside it` });
  }
  if (pool && endpoint.overlaps(pool)) {
    problems.push({ path, value: endpoint.toString(), message: `overlaps the pool subnet ${pool}; choose a block outside it` });
  }
}

/** The VNet id of a subnet id: literal ids are cut, ids known only at deploy time are cut by Terraform. */
function virtualNetworkIdOf(subnetId: string): string {
  if (Token.isUnresolved(subnetId)) return Fn.join('/', Fn.slice(Fn.split('/', subnetId), 0, 9));
  return subnetId.replace(/\/subnets\/[^/]+$/i, '');
}

function parseCidr(problems: Problem[], path: string, text: string | undefined): Ipv4Cidr | undefined {
  if (text === undefined || Token.isUnresolved(text)) return undefined;
  const parsed = Ipv4Cidr.parse(text);
  if (typeof parsed === 'string') {
    problems.push({ path, value: text, message: parsed });
    return undefined;
  }
  return parsed;
}

/**
 * Private endpoints a region puts in its endpoint subnet: `batchAccount` and `nodeManagement` for the
 * Batch account, `blob` for its storage. With an address space of Azure's smallest subnet there is no
 * room for a second subnet, and they share the pool subnet.
 */
const REGION_PRIVATE_ENDPOINTS = 3;

/**
 * The pool subnet the network derived from `addressSpace` holds the nodes, and the private endpoints
 * when they share it; the hint names the smallest address space that fits both.
 */
function checkDerivedPoolSubnet(problems: Problem[], addressSpace: string, space: Ipv4Cidr, subnet: Ipv4Cidr, maxNodeCount: number): void {
  const shared = space.prefixLength >= SMALLEST_SUBNET_PREFIX;
  const needed = maxNodeCount + (shared ? REGION_PRIVATE_ENDPOINTS : 0);
  const usable = subnet.size - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (needed <= usable) return;
  const need = shared ? `needs ${needed}: maxNodeCount ${maxNodeCount} and the ${REGION_PRIVATE_ENDPOINTS} private endpoints that share it` : `maxNodeCount is ${maxNodeCount}`;
  problems.push({
    path: 'addressSpace', value: addressSpace,
    message: `leaves ${usable} addresses in the pool subnet ${subnet} (${subnet.size} minus the ${AZURE_RESERVED_ADDRESSES_PER_SUBNET} Azure reserves), but ${need}; use an addressSpace of /${smallestAddressSpaceFor(maxNodeCount)} or shorter`,
  });
}

/** The longest address-space prefix whose derived pool subnet (and endpoint room) fits `nodes`. */
function smallestAddressSpaceFor(nodes: number): number {
  const usable = (prefix: number) => 2 ** (32 - prefix) - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (usable(SMALLEST_SUBNET_PREFIX) >= nodes + REGION_PRIVATE_ENDPOINTS) return SMALLEST_SUBNET_PREFIX;
  let prefix = SMALLEST_SUBNET_PREFIX - 1;
  // Below Azure's smallest subnet the space splits in halves: the pool subnet is the first.
  while (prefix > 1 && usable(prefix + 1) < nodes) prefix--;
  return prefix;
}

function checkPoolSubnet(problems: Problem[], path: string, subnet: Ipv4Cidr, maxNodeCount: number, containerPools: boolean | undefined): void {
  if (subnet.prefixLength > SMALLEST_SUBNET_PREFIX) {
    problems.push({ path, value: subnet.toString(), message: `is smaller than Azure's smallest subnet; use a prefix length of /${SMALLEST_SUBNET_PREFIX} or shorter` });
    return;
  }
  const usable = subnet.size - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (maxNodeCount > usable) {
    problems.push({
      path, value: subnet.toString(),
      message: `holds ${usable} nodes (${subnet.size} addresses minus the ${AZURE_RESERVED_ADDRESSES_PER_SUBNET} Azure reserves) but maxNodeCount is ${maxNodeCount}; use a prefix length of /${prefixLengthFor(maxNodeCount)} or shorter`,
    });
  }
  if (containerPools) checkDockerBridge(problems, path, subnet);
}

function checkDockerBridge(problems: Problem[], path: string, block: Ipv4Cidr): void {
  if (block.overlaps(Ipv4Cidr.of(DOCKER_BRIDGE_CIDR))) {
    problems.push({
      path, value: block.toString(),
      message: `overlaps Docker's default bridge ${DOCKER_BRIDGE_CIDR}, which container pools use on every node; choose a range outside it, e.g. "10.10.0.0/16"`,
    });
  }
}

function checkArmId(problems: Problem[], path: string, id: string, kind: Parameters<typeof parseArmId>[1]) {
  const parts = parseArmId(id, kind);
  if (typeof parts === 'string') {
    problems.push({ path, value: id, message: parts });
    return undefined;
  }
  return parts;
}

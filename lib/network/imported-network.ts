import type { Subnet } from '../azurerm';
import { Annotations, Fn, Token } from '../engine';
import type { Construct } from 'constructs';
import { parseArmId, subscriptionOf } from '../private/arm-id';
import { baseNameFromPath, resourceGroupNameProblem } from '../private/names';
import { Problem, throwIfProblems } from '../private/problems';
import { parseBlock, planAdoptedSubnet, planSubnetsIn } from './address-plan';
import { dnsServerProblems, Egress, egressProblems } from './egress';
import { egressNameProblems } from './pool-egress';
import { createPoolSubnets, givenSubnetBlocks, KnownBlock, networkSecurityGroupNameProblems, PoolNetwork, PoolNetworkOptions, subnetNames } from './pool-network';

/** What an import knows of the VNet's name resolution. */
export interface ImportedVirtualNetworkDnsProps {
  /**
   * The DNS servers the VNet uses (its custom DNS, e.g. the hub's); `[]` when it uses Azure's own. Under
   * `restrictOutbound` each gets an allow on port 53 over any protocol, as the deny would cut it off
   * (Azure's 168.63.129.16 passes NSGs unless a rule names the AzurePlatformDNS tag, Learn "Network
   * security groups", "Azure platform considerations").
   * @default - not known: under `restrictOutbound`, a warning says those servers would be denied
   */
  readonly dnsServers?: string[];
}

/** Properties of {@link BatchNetwork.fromSubnetId}. */
export interface SubnetImportProps extends PoolNetworkOptions, ImportedVirtualNetworkDnsProps {
  /**
   * The subnet's address prefix, to check its size against the pools placed in it and, for container
   * pools, its overlap with Docker's bridge.
   * @default - not known: those checks do not run (an info annotation says so)
   */
  readonly addressPrefix?: string;
  /**
   * ARM id of a subnet that exists for the private endpoints (Batch account, node management, blob), in
   * the same VNet. Its NSG, if any, is left as it is: private endpoints accept traffic from the VNet by
   * Azure's default rules.
   * @default - the endpoints go into the pool subnet
   */
  readonly privateEndpointSubnetId?: string;
  /**
   * Address prefix of `privateEndpointSubnetId`, so `restrictOutbound` can keep it reachable on 443.
   * @default - not known: with `restrictOutbound`, nothing is allowed to the endpoints before the deny
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * ARM id of the NSG already associated with the subnet. The rules are added to it as separate rules;
   * no NSG or association is created. Its own rules must not use the priorities the rules take (see
   * `firstPriority`).
   * @default - a new NSG is created and associated with the subnet, which must have none yet
   */
  readonly networkSecurityGroupId?: string;
  /**
   * Resource group of what the import creates: a new NSG (when `networkSecurityGroupId` is not given)
   * and the egress's NAT gateway or route table.
   * @default - the subnet's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Name of a new NSG (when `networkSecurityGroupId` is not given).
   * @default `nsg-<baseName>-pool`
   */
  readonly networkSecurityGroupName?: string;
  /**
   * Stem of the generated names: `nsg-<baseName>-pool`, `ng-<baseName>`, `rt-<baseName>-pool`.
   * @default - derived from the construct path and a short hash
   */
  readonly baseName?: string;
}

/** Properties of {@link BatchNetwork.fromVirtualNetworkId}. */
export interface VirtualNetworkImportProps extends PoolNetworkOptions, ImportedVirtualNetworkDnsProps {
  /** Resource group of the new NSG; the subnets go into the VNet's resource group. */
  readonly resourceGroupName: string;
  /** Address prefix of the new pool subnet: a free block of the VNet, e.g. `10.10.4.0/22`. */
  readonly poolSubnetPrefix: string;
  /**
   * The VNet's address prefixes, to check that the new subnets lie inside them and stay off Docker's
   * bridge.
   * @default - not checked: Azure rejects a subnet outside the VNet at deploy time
   */
  readonly addressSpace?: string[];
  /**
   * Address prefix of a new subnet for private endpoints; must lie inside the VNet and not overlap the
   * pool subnet.
   * @default - none: endpoints go into the pool subnet
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * Stem of the generated names: `snet-<baseName>-pool`, `snet-<baseName>-endpoints`, `nsg-<baseName>-pool`.
   * @default - derived from the construct path and a short hash
   */
  readonly baseName?: string;
  /** Name of the pool subnet. @default `snet-<baseName>-pool` */
  readonly subnetName?: string;
  /** Name of the NSG. @default `nsg-<baseName>-pool` */
  readonly networkSecurityGroupName?: string;
}

/** A subnet that exists, imported with {@link BatchNetwork.fromSubnetId}. */
export class ImportedSubnet extends PoolNetwork {
  /** Problems of this construct name the import users call. */
  public readonly problemSubject = 'BatchNetwork.fromSubnetId';
  constructor(scope: Construct, id: string, subnetId: string, props: SubnetImportProps) {
    super(scope, id, props.region);
    const problems: Problem[] = [];
    const subnet = parseArmId(subnetId, 'subnet');
    if (typeof subnet === 'string') problems.push({ path: 'subnetId', value: subnetId, message: subnet });
    const nsgId = props.networkSecurityGroupId;
    const nsg = nsgId === undefined ? undefined : parseArmId(nsgId, 'networkSecurityGroup');
    if (typeof nsg === 'string') problems.push({ path: 'networkSecurityGroupId', value: nsgId, message: nsg });
    if (nsgId !== undefined && props.networkSecurityGroupName !== undefined) {
      problems.push({ path: 'networkSecurityGroupName', value: props.networkSecurityGroupName, message: 'names a new NSG, but networkSecurityGroupId gives one that exists; remove one of them' });
    }
    problems.push(...routeTableSubscriptionProblems(props.egress, subnetId), ...egressProblems(props.egress, props.region), ...dnsServerProblems(props.dnsServers));
    // Besides a new NSG, only a NAT gateway or a new route table is created for an imported subnet.
    const createsEgress = props.egress?.createsResources ?? false;
    if (nsgId !== undefined && !createsEgress && props.tags !== undefined) {
      problems.push({ path: 'tags', value: props.tags, message: 'apply to what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove them' });
    }
    if (nsgId !== undefined && !createsEgress && props.resourceGroupName !== undefined) {
      problems.push({ path: 'resourceGroupName', value: props.resourceGroupName, message: 'places what the import creates, but networkSecurityGroupId gives an NSG that exists and the egress creates nothing; remove one of them' });
    }
    const endpointSubnetId = props.privateEndpointSubnetId;
    if (endpointSubnetId !== undefined) {
      const endpoint = parseArmId(endpointSubnetId, 'subnet');
      if (typeof endpoint === 'string') {
        problems.push({ path: 'privateEndpointSubnetId', value: endpointSubnetId, message: endpoint });
      } else if (typeof subnet !== 'string' && !Token.isUnresolved(subnetId) && !Token.isUnresolved(endpointSubnetId)
        && virtualNetworkIdOf(endpointSubnetId).toLowerCase() !== virtualNetworkIdOf(subnetId).toLowerCase()) {
        problems.push({ path: 'privateEndpointSubnetId', value: endpointSubnetId, message: 'is in another VNet than the pool subnet; give a subnet of the pool subnet\'s VNet, where the private DNS zones resolve for the nodes' });
      }
    }
    if (props.privateEndpointSubnetPrefix !== undefined && endpointSubnetId === undefined) {
      problems.push({ path: 'privateEndpointSubnetPrefix', value: props.privateEndpointSubnetPrefix, message: 'is the prefix of privateEndpointSubnetId, which is not given; give both, or neither' });
    }
    const baseName = props.baseName ?? baseNameFromPath(this);
    const name = props.networkSecurityGroupName ?? `nsg-${baseName}-pool`;
    if (nsgId === undefined) problems.push(...networkSecurityGroupNameProblems(name, props.networkSecurityGroupName, props.baseName));
    if (createsEgress && props.baseName !== undefined) problems.push(...egressNameProblems(props.baseName));
    if (props.resourceGroupName !== undefined) {
      const problem = resourceGroupNameProblem(props.resourceGroupName);
      if (problem) problems.push(problem);
    }
    const plan = planAdoptedSubnet(props.addressPrefix, problems, props.privateEndpointSubnetPrefix);
    throwIfProblems(this, problems);
    if (props.egress?.createsResources) {
      // notes §3: azurerm's association create fails on a subnet that already has one (subnet_nat_gateway_association_resource.go:92-95,
      // subnet_route_table_association_resource.go:93-96 at v4.55.0), and a NAT gateway is bypassed by a 0.0.0.0/0 route to a firewall.
      const what = [props.egress.natGatewayOptions ? 'a NAT gateway' : '', props.egress.hubOptions?.nextHopIpAddress !== undefined ? 'a route table' : ''].filter(Boolean).join(' and ');
      const fix = props.egress.hubOptions?.routeTableId !== undefined
        ? 'leave natGateway out if the subnet has one, and allow what must leave on the hub firewall'
        : 'for a subnet the hub routes, use Egress.throughHub({ routeTableId }) with the hub\'s table';
      Annotations.of(this).addWarning(`[EGRESS] the egress associates ${what} with a subnet that exists: the deploy fails if the subnet already has one, and it replaces the routing its owner set up; ${fix}`);
    }
    if (nsgId === undefined) {
      // subnet_network_security_group_association_resource.go:92-97 at v4.55.0: the association's create
      // fails on a subnet that has an NSG, which a landing zone's "subnets must have an NSG" policy ensures.
      Annotations.of(this).addWarning('[NSG] a new NSG is associated with a subnet that exists: the deploy fails if the subnet already has one, as every subnet has where policy denies subnets without one; give networkSecurityGroupId to add the rules to the subnet\'s NSG instead');
    }
    if (props.addressPrefix === undefined) {
      Annotations.of(this).addInfo(`addressPrefix is not given, so the subnet's size and its overlap with Docker's bridge are not checked against the pools placed in it; give the prefix to check them`);
    }
    const parts = subnet as Exclude<typeof subnet, string>;
    this.settle({
      virtualNetworkId: virtualNetworkIdOf(subnetId),
      subnetId,
      privateEndpointSubnetId: endpointSubnetId ?? subnetId,
      plan,
      knownBlocks: plan.poolSubnet ? [{ block: plan.poolSubnet, path: 'addressPrefix', value: props.addressPrefix! }] : [],
      networkSecurityGroup: nsg !== undefined && typeof nsg !== 'string'
        ? { existing: { id: nsgId!, name: nsg.names[0], resourceGroupName: nsg.resourceGroupName } }
        : { create: { name, resourceGroupName: props.resourceGroupName ?? parts.resourceGroupName, subnetIds: [subnetId], associationIds: ['NetworkSecurityGroupAssociation'] } },
      egress: { baseName, resourceGroupName: props.resourceGroupName ?? parts.resourceGroupName, subnetCreated: false },
      dnsServers: props.dnsServers,
    }, props);
  }
}

/** Subnets created in a VNet that exists, by {@link BatchNetwork.fromVirtualNetworkId}. */
export class SubnetsInVirtualNetwork extends PoolNetwork {
  /** Problems of this construct name the import users call. */
  public readonly problemSubject = 'BatchNetwork.fromVirtualNetworkId';
  /** The pool subnet. */
  public readonly subnet: Subnet;
  /** The private-endpoint subnet, when a prefix was given. */
  public readonly privateEndpointSubnet?: Subnet;

  constructor(scope: Construct, id: string, virtualNetworkId: string, props: VirtualNetworkImportProps) {
    super(scope, id, props.region);
    const problems: Problem[] = [];
    const vnet = parseArmId(virtualNetworkId, 'virtualNetwork');
    if (typeof vnet === 'string') problems.push({ path: 'virtualNetworkId', value: virtualNetworkId, message: vnet });
    problems.push(...routeTableSubscriptionProblems(props.egress, virtualNetworkId), ...egressProblems(props.egress, props.region), ...dnsServerProblems(props.dnsServers));
    const plan = planSubnetsIn(props, problems);
    const { baseName, names, problems: nameProblems } = subnetNames(this, props);
    for (const problem of [resourceGroupNameProblem(props.resourceGroupName), ...nameProblems]) if (problem) problems.push(problem);
    if (props.egress?.createsResources && props.baseName !== undefined) problems.push(...egressNameProblems(props.baseName));
    throwIfProblems(this, problems);

    const parts = vnet as Exclude<typeof vnet, string>;
    const subnets = createPoolSubnets(this, {
      names, resourceGroupName: parts.resourceGroupName, virtualNetworkName: parts.names[0],
      poolPrefix: props.poolSubnetPrefix, endpointPrefix: props.privateEndpointSubnetPrefix, egress: props.egress,
    }, { name: names.networkSecurityGroup, resourceGroupName: props.resourceGroupName });
    this.subnet = subnets.subnet;
    this.privateEndpointSubnet = subnets.endpointSubnet;
    const spaces: KnownBlock[] = (props.addressSpace ?? []).flatMap((text, i) => {
      const block = parseBlock([], `addressSpace[${i}]`, text);
      return block ? [{ block, path: `addressSpace[${i}]`, value: text }] : [];
    });
    // The VNet's address space is not given: the subnets created in it are checked.
    const knownBlocks = spaces.length > 0 ? spaces : givenSubnetBlocks(plan, props);
    this.settle({
      virtualNetworkId,
      subnetId: this.subnet.id,
      privateEndpointSubnetId: this.privateEndpointSubnet?.id ?? this.subnet.id,
      plan,
      knownBlocks,
      egress: { baseName, resourceGroupName: props.resourceGroupName, subnetCreated: true },
      dnsServers: props.dnsServers,
      networkSecurityGroup: subnets.networkSecurityGroup,
    }, props);
  }
}

/**
 * The hub's route table must be in the subscription of the VNet it serves (see
 * {@link Egress.routeTableSubscription}), which a literal subnet or VNet id names.
 */
function routeTableSubscriptionProblems(egress: Egress | undefined, networkId: string): Problem[] {
  const tableSubscription = egress?.routeTableSubscription;
  const networkSubscription = subscriptionOf(networkId);
  if (tableSubscription === undefined || networkSubscription === undefined || tableSubscription === networkSubscription) return [];
  return [{
    path: 'egress.routeTableId', value: egress!.hubOptions!.routeTableId,
    message: `is in subscription ${tableSubscription}, but the VNet is in ${networkSubscription}; a route table serves VNets of its own subscription and region only, so give the hub's route table for this spoke's subscription, or Egress.throughHub({ nextHopIpAddress }) for a table of its own`,
  }];
}

/** The VNet id of a subnet id: literal ids are cut, ids known only at deploy time are cut by Terraform. */
function virtualNetworkIdOf(subnetId: string): string {
  if (Token.isUnresolved(subnetId)) return Fn.join('/', Fn.slice(Fn.split('/', subnetId), 0, 9));
  return subnetId.replace(/\/subnets\/[^/]+$/i, '');
}

import { NetworkSecurityGroup, type PublicIp, Subnet, SubnetNetworkSecurityGroupAssociation } from '../azurerm';
import { Annotations, TerraformResource } from '../engine';
import { Construct, IConstruct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { addressesNeeded, attachedPools, registryEndpoints } from '../private/attachments';
import { DOCKER_BRIDGE_CIDR, dockerBridgeOverlaps, Ipv4Cidr } from '../private/cidr';
import { literalTags } from '../private/literal';
import { baseNameFromPath, NameRules, physicalNameProblem } from '../private/names';
import { addCheck, locate, Problem, ValidationProblem } from '../private/problems';
import { AddressPlan, capacityProblem } from './address-plan';
import { Egress, EgressKind } from './egress';
import { NetworkRule, RuleAccess, TrafficDirection } from './network-rule';
import { NodeCommunicationRuleSet } from './node-communication-rule-set';
import { Peer } from './peer';
import { PoolEgress } from './pool-egress';
import { PoolSecurityRules, PoolSecurityRulesOptions } from './pool-security-rules';
import { Port } from './port';
import { ServiceTag } from './service-tag';

/**
 * The network Batch pools run in, whether this library created it or it was imported: the pool subnet,
 * the NSG in front of it carrying a node-communication rule set, and where private endpoints go.
 * {@link SimplifiedPool}, {@link RegionalBatchAccount}, {@link PairedStorageAccount} and
 * {@link BatchRegion} take this interface.
 */
export interface IBatchNetwork extends IConstruct {
  /** Region of the network; the service tags of its rules are this region's. */
  readonly region: AzureRegion;
  /** The node-communication rule set the pool subnet's NSG carries. */
  readonly ruleSet: NodeCommunicationRuleSet;
  /** ARM id of the VNet the pool subnet is in. */
  readonly virtualNetworkId: string;
  /** ARM id of the pool subnet. */
  readonly subnetId: string;
  /**
   * Address prefix of the pool subnet.
   * @default - not known at synth time: checks that need it say they did not run
   */
  readonly subnetPrefix?: string;
  /** ARM id of the subnet private endpoints go into: an endpoint subnet, or else the pool subnet. */
  readonly privateEndpointSubnetId: string;
  /**
   * Address prefix of the subnet private endpoints go into.
   * @default - not known at synth time
   */
  readonly privateEndpointSubnetPrefix?: string;
  /** ARM id of the NSG that carries the rules. */
  readonly networkSecurityGroupId: string;
  /**
   * The NSG, when this library created it (an NSG you gave by id is yours).
   * @default - none: the NSG was given by id
   */
  readonly networkSecurityGroup?: NetworkSecurityGroup;
  /** The rules the NSG carries, with their priorities, in the order they were added. */
  readonly rules: readonly NetworkRule[];
  /** Whether the NSG denies every outbound destination its rules do not allow. */
  readonly restrictOutbound: boolean;
  /** How nodes reach destinations outside the VNet. */
  readonly egress: Egress;
  /** The public IPs of the egress's NAT gateway, created here: the addresses outside services allow-list (none without one). */
  readonly natGatewayPublicIps: readonly PublicIp[];
  /**
   * What must exist before pool nodes boot in the subnet: the NSG's association with it (when created
   * here), every rule added so far, and the egress's associations and routes. Pools read it at synth,
   * so it includes what was added after them.
   */
  readonly nodeReadiness: readonly TerraformResource[];
  /**
   * Sends traffic for `tag` straight to the Internet (a route with next hop `Internet`), past the hub of
   * an `Egress.throughHub` network; other egress choices have nothing to route past.
   * @returns the route, or `undefined` when the egress has no route table
   */
  routeToInternet(tag: ServiceTag): TerraformResource | undefined;
  /** The service tags routed straight to the Internet so far, by name (see {@link IBatchNetwork.routeToInternet}). */
  readonly routedToInternet: readonly string[];
  /**
   * Adds a rule to the NSG and returns it with its priority. A rule covered by one already present is
   * skipped (the covering rule is returned); a name or priority already taken is an error.
   */
  addRule(rule: NetworkRule): NetworkRule;
}

/** Props every network of pools takes, created or imported. */
export interface PoolNetworkOptions extends PoolSecurityRulesOptions {
  /** Region of the network; the service tags of the rules are this region's. */
  readonly region: AzureRegion;
  /**
   * How nodes reach destinations outside the VNet: none, a NAT gateway, the subnet's default outbound
   * access, or a hub firewall (see {@link Egress}).
   * @default Egress.none()
   */
  readonly egress?: Egress;
  /**
   * Tags on every resource created here.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** An address block of the network and the prop that gave it. */
export interface KnownBlock {
  /** The address block. */
  readonly block: Ipv4Cidr;
  /** The prop that gave it, e.g. `addressSpace` or `addressSpace[1]`. */
  readonly path: string;
  /** The prop's value, as written. */
  readonly value: string;
}

/** What a concrete network has settled once its subnets are known. */
export interface PoolNetworkParts {
  /** ARM id of the VNet (a reference when created here). */
  readonly virtualNetworkId: string;
  /** ARM id of the pool subnet. */
  readonly subnetId: string;
  /** ARM id of the subnet private endpoints go into: the endpoint subnet, or the pool subnet. */
  readonly privateEndpointSubnetId: string;
  /** The subnets' blocks as far as known at synth time, for the capacity check and the rules. */
  readonly plan: AddressPlan;
  /** Every address block of the VNet known at synth time, with the prop it came from, for the Docker-bridge check. */
  readonly knownBlocks: readonly KnownBlock[];
  /** Where the egress's resources go: their name stem and resource group, and whether the pool subnet is created here. */
  readonly egress: { readonly baseName: string; readonly resourceGroupName: string; readonly subnetCreated: boolean };
  /**
   * The DNS servers the VNet uses, `[]` for Azure's own; undefined when not known (an imported VNet
   * whose servers the import does not give).
   */
  readonly dnsServers?: readonly string[];
  /**
   * The NSG: one to create (name, resource group, subnets to associate, pool subnet first) or one that
   * exists (its id, name and resource group).
   */
  readonly networkSecurityGroup:
  | { readonly create: { readonly name: string; readonly resourceGroupName: string; readonly subnetIds: readonly string[]; readonly associationIds: readonly string[] } }
  | { readonly existing: { readonly id: string; readonly name: string; readonly resourceGroupName: string } };
}

/** Problems of an NSG name this library would create. */
export function networkSecurityGroupNameProblems(name: string, given: string | undefined, baseName: string | undefined): Problem[] {
  const problem = physicalNameProblem(NameRules.networkSecurityGroup, name, { path: 'networkSecurityGroupName', value: given }, { path: 'baseName', value: baseName });
  return problem ? [problem] : [];
}

/**
 * What every network of pools shares: the NSG (created and associated, or given), its rules, the
 * readiness pools wait for, and the checks against the pools attached to it (subnet capacity,
 * Docker's bridge), which run once the tree is complete. Internal: a network construct owns one and
 * answers {@link IBatchNetwork} from it, so no base class of the public {@link BatchNetwork} is
 * part of the API. The NSG and its rules are created as children of the owner, so their construct
 * ids (and Terraform addresses) are the owner's.
 */
export class PoolNetworkCore {
  private parts?: PoolNetworkParts & {
    readonly rules: PoolSecurityRules; readonly nsg?: NetworkSecurityGroup; readonly association?: TerraformResource;
    readonly outlet: PoolEgress; readonly egressChoice: Egress; readonly restrictOutbound: boolean; readonly dnsRules: ReadonlySet<string>;
  };

  /** Creates the core of `owner` and registers its checks on it; call it first in the owner's constructor. */
  constructor(private readonly owner: Construct, private readonly region: AzureRegion) {
    addCheck(owner, () => this.poolProblems());
  }

  /** The node-communication rule set the NSG carries. */
  public get ruleSet(): NodeCommunicationRuleSet {
    return this.settled.rules.ruleSet;
  }

  /** ARM id of the VNet the pool subnet is in. */
  public get virtualNetworkId(): string {
    return this.settled.virtualNetworkId;
  }

  /** ARM id of the pool subnet. */
  public get subnetId(): string {
    return this.settled.subnetId;
  }

  /** Address prefix of the pool subnet, when known at synth time. */
  public get subnetPrefix(): string | undefined {
    return this.settled.plan.poolSubnet?.toString();
  }

  /** ARM id of the subnet private endpoints go into. */
  public get privateEndpointSubnetId(): string {
    return this.settled.privateEndpointSubnetId;
  }

  /** Address prefix of the subnet private endpoints go into, when known at synth time. */
  public get privateEndpointSubnetPrefix(): string | undefined {
    return (this.settled.plan.endpointSubnet ?? this.settled.plan.poolSubnet)?.toString();
  }

  /** ARM id of the NSG that carries the rules. */
  public get networkSecurityGroupId(): string {
    const nsg = this.settled.networkSecurityGroup;
    return 'create' in nsg ? this.settled.nsg!.id : nsg.existing.id;
  }

  /** The NSG, when the owner created it (id `NetworkSecurityGroup`). */
  public get networkSecurityGroup(): NetworkSecurityGroup | undefined {
    return this.settled.nsg;
  }

  /** The rules the NSG carries, with their priorities, in the order they were added. */
  public get rules(): readonly NetworkRule[] {
    return this.settled.rules.rules;
  }

  /** Whether the NSG denies every outbound destination its rules do not allow. */
  public get restrictOutbound(): boolean {
    return this.settled.restrictOutbound;
  }

  /** How nodes reach destinations outside the VNet. */
  public get egress(): Egress {
    return this.settled.egressChoice;
  }

  /** What the egress created: NAT gateway and public IPs, or route table. */
  public get egressResources(): PoolEgress {
    return this.settled.outlet;
  }

  /** The NSG's association with the pool subnet (when created here), every rule added so far, and the egress's associations and routes. */
  public get nodeReadiness(): readonly TerraformResource[] {
    const { association, rules, outlet } = this.settled;
    return [...(association ? [association] : []), ...rules.resources, ...outlet.nodeReadiness, ...[...registryEndpoints(this.owner).values()].flat()];
  }

  /** Sends traffic for `tag` past the hub (see {@link IBatchNetwork.routeToInternet}). */
  public routeToInternet(tag: ServiceTag): TerraformResource | undefined {
    return this.settled.outlet.routeToInternet(tag);
  }

  /** The service tags routed straight to the Internet so far. */
  public get routedToInternet(): readonly string[] {
    return this.settled.outlet.directTags;
  }

  /** Adds a rule to the NSG and returns it with its priority (see {@link IBatchNetwork.addRule}). */
  public addRule(rule: NetworkRule): NetworkRule {
    return this.settled.rules.addRule(rule);
  }

  /** Creates the NSG (when not given) and its rules as children of the owner, once the owner knows its subnets. */
  public settle(parts: PoolNetworkParts, options: PoolNetworkOptions): void {
    const given = parts.networkSecurityGroup;
    let nsg: NetworkSecurityGroup | undefined;
    let association: TerraformResource | undefined;
    let nsgName: string;
    let nsgResourceGroupName: string;
    if ('create' in given) {
      nsg = new NetworkSecurityGroup(this.owner, 'NetworkSecurityGroup', {
        name: given.create.name,
        resourceGroupName: given.create.resourceGroupName,
        location: this.region.name,
        tags: literalTags(options.tags),
      });
      // Every subnet gets the NSG; private endpoints accept traffic from the VNet by Azure's default rules.
      given.create.subnetIds.forEach((subnetId, i) => {
        const created = new SubnetNetworkSecurityGroupAssociation(this.owner, given.create.associationIds[i], { subnetId, networkSecurityGroupId: nsg!.id });
        if (i === 0) association = created;
      });
      nsgName = nsg.name;
      nsgResourceGroupName = given.create.resourceGroupName;
    } else {
      nsgName = given.existing.name;
      nsgResourceGroupName = given.existing.resourceGroupName;
    }
    const egressChoice = options.egress ?? Egress.none();
    const outlet = new PoolEgress(this.owner, 'Egress', {
      region: this.region, egress: egressChoice, baseName: parts.egress.baseName, resourceGroupName: parts.egress.resourceGroupName,
      subnetId: parts.subnetId, subnetCreated: parts.egress.subnetCreated, tags: options.tags,
    });
    const restrictOutbound = options.restrictOutbound ?? false;
    this.parts = { ...parts, nsg, association, outlet, egressChoice, restrictOutbound, dnsRules: new Set(), rules: undefined! };
    const endpointPrefix = parts.plan.endpointSubnet ?? parts.plan.poolSubnet;
    const rules = new PoolSecurityRules(this.owner, 'Rules', {
      region: this.region,
      ruleSet: options.ruleSet,
      rules: options.rules,
      restrictOutbound: options.restrictOutbound,
      firstPriority: options.firstPriority,
      networkSecurityGroupName: nsgName,
      networkSecurityGroupResourceGroupName: nsgResourceGroupName,
      privateEndpointPrefix: endpointPrefix?.toString(),
    });
    const dnsRules = new Set<string>();
    if (restrictOutbound) {
      // Learn "Network security groups", "Azure platform considerations": Azure's DNS at 168.63.129.16
      // is not filtered by the NSG; the VNet's own DNS servers (the hub's) are, and the deny would cut them off.
      const hub = egressChoice.hubOptions?.dnsServers ?? [];
      for (const server of new Set([...hub, ...(parts.dnsServers ?? [])])) {
        const description = hub.includes(server) ? `Hub DNS server ${server}` : `DNS server ${server} of the VNet`;
        dnsRules.add(rules.addRule(NetworkRule.allowOutbound(Peer.ipv4(server), Port.anyProtocol(53), { description })).name);
      }
    }
    this.parts = { ...this.parts!, rules, dnsRules };
    if (rules.ruleSet !== NodeCommunicationRuleSet.SIMPLIFIED) {
      // Learn "Create an Azure Batch pool in a virtual network", "User-defined routes for forced
      // tunneling": classic-mode nodes need BatchNodeManagement.<region> routed to the Internet.
      if (outlet.routeToInternet(ServiceTag.batchNodeManagement(this.region))) {
        // Same section: classic nodes also need 443 to Azure Storage (Batch's queues and tables). A
        // route would take all of the region's storage past the firewall, so the firewall must allow it.
        Annotations.of(this.owner).addWarning(`[EGRESS] classic-mode nodes behind the hub also reach ${ServiceTag.storage(this.region)} on 443 (Batch's own queues and tables); allow it on the hub firewall, which the default route sends it to`);
      }
    }
  }

  private get settled() {
    if (this.parts === undefined || this.parts.rules === undefined) throw new Error(`${this.owner.node.path}: the network is read before its subnets are settled`);
    return this.parts;
  }

  /** The attached pools fit the pool subnet, and container pools stay off Docker's bridge. */
  private poolProblems(): ValidationProblem[] {
    if (this.parts?.rules === undefined) return [];
    const pools = attachedPools(this.owner);
    const problems: Problem[] = [];
    const capacity = capacityProblem(this.parts.plan, addressesNeeded(pools));
    if (capacity) problems.push(capacity);
    const containers = pools.filter((pool) => pool.containers);
    if (containers.length > 0) {
      if (this.parts.knownBlocks.length === 0) {
        Annotations.of(this.owner).addWarning(`the VNet's address blocks are not known at synth time, so their overlap with Docker's bridge ${DOCKER_BRIDGE_CIDR} is not checked; give the pool subnet's prefix to check it`);
      }
      const overlapping = dockerBridgeOverlaps(this.parts.knownBlocks.map((known) => known.block));
      for (const known of this.parts.knownBlocks.filter((candidate) => overlapping.includes(candidate.block))) {
        problems.push({
          path: known.path, value: known.value,
          message: `puts ${known.block} in the VNet of container pool${containers.length > 1 ? 's' : ''} ${containers.map((pool) => pool.pool.node.id).join(', ')}, and it overlaps Docker's default bridge ${DOCKER_BRIDGE_CIDR}, which every container node creates; choose a range outside it, e.g. "10.10.0.0/16"`,
        });
      }
    }
    const { egressChoice, restrictOutbound, dnsRules, rules } = this.parts;
    const served = registryEndpoints(this.owner);
    const unserved = containers.filter((pool) => (pool.registries ?? []).length === 0 || (pool.registries ?? []).some((server) => !served.has(server)));
    if (unserved.length > 0 && !this.parts.egress.subnetCreated && !egressChoice.leavesTheNetwork) {
      // BATCH-015 sees the way out of subnets created in the stack only.
      Annotations.of(this.owner).addWarning(`[EGRESS] container pool${unserved.length > 1 ? 's' : ''} ${unserved.map((pool) => pool.pool.node.id).join(', ')} pull${unserved.length > 1 ? '' : 's'} images at node start, but the imported subnet is declared with Egress.none() and the library cannot see another way out; declare the egress it has (Egress.natGateway(), Egress.throughHub(...), Egress.defaultOutbound()) or reach the registry through a private endpoint`);
    }
    const outboundAllows = rules.addedRules.filter((rule) => rule.direction === TrafficDirection.OUTBOUND && rule.access === RuleAccess.ALLOW);
    if (!restrictOutbound && outboundAllows.length > 0) {
      // "Network security groups", "Default security rules": AllowVnetOutBound and AllowInternetOutBound.
      Annotations.of(this.owner).addInfo(`outbound allow rules ${outboundAllows.map((rule) => rule.name).join(', ')} change nothing without restrictOutbound: the NSG's default rules allow all outbound traffic`);
    }
    // Allows of the pool subnet to itself (inter-node communication) keep traffic in the subnet: they
    // are no way out, and reach no DNS server.
    const poolSubnet = this.parts.plan.poolSubnet?.toString();
    const ownAllows = outboundAllows.filter((rule) => rule.peer.addressPrefix !== poolSubnet);
    if (restrictOutbound && egressChoice.leavesTheNetwork && pools.length > 0) {
      const allows = ownAllows.filter((rule) => !dnsRules.has(rule.name));
      if (allows.length === 0) {
        Annotations.of(this.owner).addWarning(`[EGRESS] restrictOutbound denies every destination but Batch and the private endpoints, so the ${egressChoice.kind === EgressKind.HUB ? 'route to the hub' : egressChoice.kind === EgressKind.NAT_GATEWAY ? 'NAT gateway' : 'default outbound access'} carries nothing for pools ${pools.map((pool) => pool.pool.node.id).join(', ')}; allow the destinations they need with NetworkRule.allowOutbound (e.g. ServiceTag.of("AzureContainerRegistry.${this.region.serviceTagSuffix}") and the registry's Storage.<Region> on 443)`);
      }
    }
    if (restrictOutbound && this.parts.dnsServers === undefined && pools.length > 0 && !ownAllows.some((rule) => rule.port.covers(Port.udp(53)))) {
      // Learn "Network security groups", "Azure platform considerations": Azure's DNS (168.63.129.16) is
      // not filtered by the NSG unless a rule names AzurePlatformDNS, but DNS servers the VNet's owner set
      // (Learn "Name resolution for resources in Azure virtual networks", "Name resolution that uses your
      // own DNS server") are, and the deny cuts them off. The import does not say which the VNet uses.
      Annotations.of(this.owner).addWarning('[DNS] restrictOutbound denies every DNS server but Azure\'s own (168.63.129.16, which NSGs do not filter unless a rule names AzurePlatformDNS): if the imported VNet uses DNS servers of its own, as a landing zone\'s that point to the hub do, nodes resolve no names, the Batch service\'s included; give the import its dnsServers ([] for Azure\'s), which are then allowed on port 53');
    }
    return locate(this.owner, problems);
  }
}

/**
 * The base of the networks imported by {@link BatchNetwork.fromSubnetId} and
 * {@link BatchNetwork.fromVirtualNetworkId}: a construct answering {@link IBatchNetwork} from its
 * {@link PoolNetworkCore}. Internal, like its subclasses: users get them as {@link IBatchNetwork}.
 */
export abstract class PoolNetwork extends Construct implements IBatchNetwork {
  /** Region of the network. */
  public readonly region: AzureRegion;
  private readonly core: PoolNetworkCore;

  protected constructor(scope: Construct, id: string, region: AzureRegion) {
    super(scope, id);
    this.region = region;
    this.core = new PoolNetworkCore(this, region);
  }

  /** The node-communication rule set the NSG carries. */
  public get ruleSet(): NodeCommunicationRuleSet { return this.core.ruleSet; }
  /** ARM id of the VNet the pool subnet is in. */
  public get virtualNetworkId(): string { return this.core.virtualNetworkId; }
  /** ARM id of the pool subnet. */
  public get subnetId(): string { return this.core.subnetId; }
  /** Address prefix of the pool subnet, when known at synth time. */
  public get subnetPrefix(): string | undefined { return this.core.subnetPrefix; }
  /** ARM id of the subnet private endpoints go into. */
  public get privateEndpointSubnetId(): string { return this.core.privateEndpointSubnetId; }
  /** Address prefix of the subnet private endpoints go into, when known at synth time. */
  public get privateEndpointSubnetPrefix(): string | undefined { return this.core.privateEndpointSubnetPrefix; }
  /** ARM id of the NSG that carries the rules. */
  public get networkSecurityGroupId(): string { return this.core.networkSecurityGroupId; }
  /** The NSG, when this construct created it (id `NetworkSecurityGroup`). */
  public get networkSecurityGroup(): NetworkSecurityGroup | undefined { return this.core.networkSecurityGroup; }
  /** The rules the NSG carries, with their priorities, in the order they were added. */
  public get rules(): readonly NetworkRule[] { return this.core.rules; }
  /** Whether the NSG denies every outbound destination its rules do not allow. */
  public get restrictOutbound(): boolean { return this.core.restrictOutbound; }
  /** The public IPs of the egress's NAT gateway (none without one). */
  public get natGatewayPublicIps(): readonly PublicIp[] { return this.core.egressResources.publicIps; }
  /** How nodes reach destinations outside the VNet. */
  public get egress(): Egress { return this.core.egress; }
  /** The NSG's association with the pool subnet (when created here), every rule added so far, and the egress's associations and routes. */
  public get nodeReadiness(): readonly TerraformResource[] { return this.core.nodeReadiness; }
  /** Adds a rule to the NSG and returns it with its priority (see {@link IBatchNetwork.addRule}). */
  public addRule(rule: NetworkRule): NetworkRule { return this.core.addRule(rule); }
  /** Sends traffic for `tag` past the hub (see {@link IBatchNetwork.routeToInternet}). */
  public routeToInternet(tag: ServiceTag): TerraformResource | undefined { return this.core.routeToInternet(tag); }
  /** The service tags routed straight to the Internet so far. */
  public get routedToInternet(): readonly string[] { return this.core.routedToInternet; }

  /** Creates the NSG (when not given) and its rules, once the subclass knows its subnets. */
  protected settle(parts: PoolNetworkParts, options: PoolNetworkOptions): void {
    this.core.settle(parts, options);
  }
}

/** What {@link createPoolSubnets} creates the subnets from. */
export interface PoolSubnetsSpec {
  /** Names of the pool and endpoint subnets. */
  readonly names: { readonly subnet: string; readonly endpointSubnet: string };
  /** Resource group of the VNet they go in (a reference for a VNet created alongside). */
  readonly resourceGroupName: string;
  /** Name of the VNet they go in (a reference for a VNet created alongside). */
  readonly virtualNetworkName: string;
  /** Block of the pool subnet. */
  readonly poolPrefix: string;
  /** Block of the endpoint subnet; without one, endpoints share the pool subnet. */
  readonly endpointPrefix?: string;
  /** The way out; only `Egress.defaultOutbound()` keeps the pool subnet's default outbound access (the endpoint subnet never does). */
  readonly egress?: Egress;
}

/**
 * The pool subnet (id `PoolSubnet`) and, given a block, the private-endpoint subnet (id `EndpointSubnet`)
 * under `scope`, with the new NSG that is to be associated with both.
 */
export function createPoolSubnets(scope: Construct, spec: PoolSubnetsSpec, nsg: { readonly name: string; readonly resourceGroupName: string }) {
  const subnet = new Subnet(scope, 'PoolSubnet', {
    name: spec.names.subnet,
    resourceGroupName: spec.resourceGroupName,
    virtualNetworkName: spec.virtualNetworkName,
    addressPrefixes: [spec.poolPrefix],
    // azurerm subnet_resource.go:273-277 at v4.55.0 defaults it to true and always sends it.
    defaultOutboundAccessEnabled: spec.egress?.kind === EgressKind.DEFAULT_OUTBOUND,
  });
  const endpointSubnet = spec.endpointPrefix === undefined ? undefined : new Subnet(scope, 'EndpointSubnet', {
    name: spec.names.endpointSubnet,
    resourceGroupName: spec.resourceGroupName,
    virtualNetworkName: spec.virtualNetworkName,
    addressPrefixes: [spec.endpointPrefix],
    defaultOutboundAccessEnabled: false,
  });
  const networkSecurityGroup = {
    create: {
      ...nsg,
      subnetIds: [subnet.id, ...(endpointSubnet ? [endpointSubnet.id] : [])],
      associationIds: ['NetworkSecurityGroupAssociation', 'EndpointSubnetNetworkSecurityGroupAssociation'],
    },
  };
  return { subnet, endpointSubnet, networkSecurityGroup };
}

/** Props that name the subnets and NSG a network creates. */
export interface SubnetNaming {
  /** Stem of the generated names. */
  readonly baseName?: string;
  /** Name of the pool subnet. */
  readonly subnetName?: string;
  /** Name of the NSG. */
  readonly networkSecurityGroupName?: string;
}

/**
 * Names of the pool subnet, the endpoint subnet and the NSG a network creates (`snet-<stem>-pool`,
 * `snet-<stem>-endpoints`, `nsg-<stem>-pool`, the stem from the construct path unless given), and the
 * problems of those names.
 */
export function subnetNames(scope: IConstruct, props: SubnetNaming) {
  const baseName = props.baseName ?? baseNameFromPath(scope);
  const names = {
    subnet: props.subnetName ?? `snet-${baseName}-pool`,
    endpointSubnet: `snet-${baseName}-endpoints`,
    networkSecurityGroup: props.networkSecurityGroupName ?? `nsg-${baseName}-pool`,
  };
  const problems: Problem[] = [...networkSecurityGroupNameProblems(names.networkSecurityGroup, props.networkSecurityGroupName, props.baseName)];
  const subnet = physicalNameProblem(NameRules.subnet, names.subnet, { path: 'subnetName', value: props.subnetName }, { path: 'baseName', value: props.baseName });
  if (subnet) problems.unshift(subnet);
  return { baseName, names, problems };
}

/**
 * The blocks of the subnets whose prefixes were given, for the Docker-bridge check when the VNet's own
 * address space is not known at synth time.
 */
export function givenSubnetBlocks(plan: AddressPlan, props: { readonly poolSubnetPrefix?: string; readonly privateEndpointSubnetPrefix?: string }): KnownBlock[] {
  return [
    ...(plan.poolSubnet && props.poolSubnetPrefix !== undefined ? [{ block: plan.poolSubnet, path: 'poolSubnetPrefix', value: props.poolSubnetPrefix }] : []),
    ...(plan.endpointSubnet && props.privateEndpointSubnetPrefix !== undefined
      ? [{ block: plan.endpointSubnet, path: 'privateEndpointSubnetPrefix', value: props.privateEndpointSubnetPrefix }] : []),
  ];
}

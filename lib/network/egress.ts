import { Token } from '../engine';
import type { AzureRegion } from '../catalog/azure-region';
import { parseArmId, subscriptionOf } from '../private/arm-id';
import { Ipv4Cidr } from '../private/cidr';
import { Problem, ValidationError } from '../private/problems';

/** The ways out of a pool subnet. Values are the deployment config's. */
export enum EgressKind {
  /** No way out: nodes reach Batch and storage through private endpoints only. */
  NONE = 'none',
  /** A NAT gateway with Standard static public IPs of its own. */
  NAT_GATEWAY = 'natGateway',
  /** Azure's implicit default outbound access of the subnet. */
  DEFAULT_OUTBOUND = 'defaultOutbound',
  /** A route table that sends `0.0.0.0/0` to a hub firewall or network virtual appliance. */
  HUB = 'hub',
}

/**
 * Learn "Azure NAT Gateway resource", "Static public IP addresses": public IPs and prefixes together
 * give a NAT gateway at most 16 addresses.
 */
export const MAX_NAT_GATEWAY_PUBLIC_IPS = 16;
/**
 * Learn "Azure NAT Gateway resource", "TCP idle timeout": 4 to 120 minutes, 4 by default; azurerm
 * `internal/services/network/nat_gateway_resource.go:69-74` at v4.55.0 (`IntBetween(4, 120)`, default 4).
 */
export const NAT_IDLE_TIMEOUT_MINUTES = { min: 4, max: 120, default: 4 } as const;
/** Learn "NAT gateway and availability zones", "Zonal": a NAT gateway is in one zone, or in none. */
const ZONES = ['1', '2', '3'];

/** Options of {@link Egress.natGateway}. */
export interface NatGatewayEgressOptions {
  /**
   * Standard static public IPv4 addresses the NAT gateway owns, 1-16. Each gives 64,512 SNAT ports
   * (Learn "Azure NAT Gateway resource", "SNAT ports"); these are the addresses an outside service
   * allow-lists.
   * @default 1
   */
  readonly publicIpCount?: number;
  /**
   * TCP idle timeout in minutes, 4-120. UDP flows always time out after 4 minutes.
   * @default 4
   */
  readonly idleTimeoutMinutes?: number;
  /**
   * Availability zone of the gateway and its IPs (`"1"`, `"2"` or `"3"`). A zonal gateway takes only IPs
   * of its zone and does not survive that zone's outage (Learn "NAT gateway and availability zones").
   * @default - no zone: Azure places the gateway
   */
  readonly zone?: string;
}

/** Options of {@link Egress.throughHub}. Give `nextHopIpAddress` or `routeTableId`. */
export interface HubEgressOptions {
  /**
   * IPv4 address of the hub's firewall or network virtual appliance. A route table is created
   * that sends `0.0.0.0/0` to it (next hop `VirtualAppliance`) and is associated with the pool subnet.
   * @default - none: give `routeTableId`
   */
  readonly nextHopIpAddress?: string;
  /**
   * ARM id of a route table that exists (the hub's). A pool subnet created here is associated with it;
   * an imported subnet is taken to use it already. The routes Batch needs are added to it as separate
   * routes. Routes given inline in that table by another Terraform state are replaced on its next apply,
   * and with them the ones added here.
   * @default - none: give `nextHopIpAddress`
   */
  readonly routeTableId?: string;
  /**
   * A NAT gateway on the pool subnet as well, for the routes that send traffic straight to the Internet
   * past the hub (the `BatchNodeManagement.<Region>` route): a route with next hop `Internet` leaves
   * through the subnet's NAT gateway (Learn "Design virtual networks with Azure NAT Gateway", "NAT
   * gateway and user defined routes"), and a private subnet without one has no address to leave with.
   * @default - none: such routes leave only if the subnet has another way out
   */
  readonly natGateway?: NatGatewayEgressOptions;
  /**
   * DNS servers of the hub that nodes use (the VNet's custom DNS). With `restrictOutbound` they are
   * allowed on port 53; Azure's own DNS (168.63.129.16) is always reachable.
   * @default - none
   */
  readonly dnsServers?: string[];
}

/**
 * How pool nodes reach destinations outside the VNet: a closed set of choices, each documented with
 * what it opens. Whatever the choice, nodes reach Batch node management and auto-storage through the
 * region's private endpoints, and nothing lets the Internet in.
 *
 * With `restrictOutbound`, the NSG still denies every destination its rules do not allow: the choice
 * gives traffic a path, the rules decide which traffic takes it (add `NetworkRule.allowOutbound` for
 * your package feeds and registries).
 */
export class Egress {
  /**
   * No way out (the default). Subnets are private (`default_outbound_access_enabled = false`), so start
   * tasks, container pulls, license servers and package feeds outside the VNet fail.
   */
  public static none(): Egress {
    return new Egress(EgressKind.NONE);
  }

  /**
   * A NAT gateway with its own Standard static public IPs, associated with the pool subnet; it becomes
   * the subnet's default route to the Internet, and nothing from outside can reach the nodes (Learn
   * "What is Azure NAT Gateway?", "Traffic routes"). It opens outbound TCP and UDP to every destination
   * the NSG allows, from addresses you own and can allow-list.
   * Public IPs are counted at synth time: `publicIpCount` must be a number then, not a deploy-time value.
   * @throws when an option is out of range (every such option is reported)
   */
  public static natGateway(options: NatGatewayEgressOptions = {}): Egress {
    const problems: Problem[] = [];
    const settings = natSettings(options, '', problems);
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, subject: 'Egress.natGateway' })));
    return new Egress(EgressKind.NAT_GATEWAY, settings);
  }

  /**
   * The subnet's implicit default outbound access: the weakest choice, for trials only. Subnets created
   * here keep it on (`default_outbound_access_enabled = true`); for a subnet imported with
   * `BatchNetwork.fromSubnetId` it only declares what the subnet has, and nothing is changed. The address is
   * Microsoft's, not yours, can change at any time and cannot be allow-listed; Microsoft advises against
   * it in production, and VNets created with network API versions after 2026-03-31 get private subnets
   * by default (Learn "Default outbound access in Azure"). It opens outbound to every destination the
   * NSG allows.
   */
  public static defaultOutbound(): Egress {
    return new Egress(EgressKind.DEFAULT_OUTBOUND);
  }

  /**
   * Through the hub: the pool subnet's default route goes to a hub firewall or appliance (forced
   * tunneling), which decides what leaves. Batch node management does not hairpin through it: the
   * region's pools reach it through the `nodeManagement` private endpoint, whose /32 route beats
   * `0.0.0.0/0` — unless the endpoint subnet turns on route-table network policies and a route covers
   * the endpoint, when the firewall must allow pool to endpoints on 443 (Learn "Manage network policies
   * for private endpoints"; the library's endpoint subnets leave those policies off). Where a node still needs the
   * public node-management endpoint (classic or union rule set, or an account without that endpoint), a
   * `BatchNodeManagement.<Region>` route with next hop `Internet` is added, as Learn "Create an Azure
   * Batch pool in a virtual network", "User-defined routes for forced tunneling" requires.
   * @throws when neither or both of `nextHopIpAddress` and `routeTableId` are given, or one is malformed
   */
  public static throughHub(options: HubEgressOptions): Egress {
    const problems: Problem[] = [];
    const { nextHopIpAddress, routeTableId } = options;
    if ((nextHopIpAddress === undefined) === (routeTableId === undefined)) {
      problems.push({ path: nextHopIpAddress === undefined ? 'nextHopIpAddress' : 'routeTableId', value: routeTableId,
        message: 'give exactly one of nextHopIpAddress (a new route table to your firewall) and routeTableId (the hub\'s route table)' });
    }
    if (nextHopIpAddress !== undefined) {
      const problem = addressProblem(nextHopIpAddress);
      if (problem) problems.push({ path: 'nextHopIpAddress', value: nextHopIpAddress, message: problem });
    }
    if (routeTableId !== undefined) {
      const parsed = parseArmId(routeTableId, 'routeTable');
      if (typeof parsed === 'string') problems.push({ path: 'routeTableId', value: routeTableId, message: parsed });
    }
    problems.push(...dnsServerProblems(options.dnsServers));
    const nat = options.natGateway === undefined ? undefined : natSettings(options.natGateway, 'natGateway.', problems);
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, subject: 'Egress.throughHub' })));
    return new Egress(EgressKind.HUB, nat, { ...options, dnsServers: [...(options.dnsServers ?? [])] });
  }

  /** Which choice it is. */
  public readonly kind: EgressKind;
  /**
   * The NAT gateway's settings, with defaults applied: of `natGateway`, or of the hub's `natGateway`.
   * @default - none: no NAT gateway
   */
  public readonly natGatewayOptions?: { readonly publicIpCount: number; readonly idleTimeoutMinutes: number; readonly zone?: string };
  /**
   * The hub's route and DNS servers.
   * @default - none: not through a hub
   */
  public readonly hubOptions?: HubEgressOptions & { readonly dnsServers: readonly string[] };

  private constructor(kind: EgressKind, natGateway?: Egress['natGatewayOptions'], hub?: Egress['hubOptions']) {
    this.kind = kind;
    this.natGatewayOptions = natGateway;
    this.hubOptions = hub;
  }

  /** Whether traffic to the Internet has a path out (the NSG may still deny it). */
  public get leavesTheNetwork(): boolean {
    return this.kind !== EgressKind.NONE;
  }

  /**
   * Subscription of the hub's route table given by id (`throughHub({ routeTableId })`), when known at
   * synth time. Learn "Create, change, or delete a route table", "Associate a route table to a subnet":
   * a route table serves subnets of VNets in its own region and subscription only; and the routes added
   * to it are created in the provider's subscription (azurerm `route_resource.go:92-99` at v4.55.0).
   * @returns `undefined` for other choices, or when the id is known only at deploy time
   */
  public get routeTableSubscription(): string | undefined {
    const id = this.hubOptions?.routeTableId;
    return id === undefined ? undefined : subscriptionOf(id);
  }

  /**
   * Whether it creates resources that take a resource group and tags: a NAT gateway and its IPs, or a
   * route table to the hub's appliance (routes added to a hub's table take neither).
   */
  public get createsResources(): boolean {
    return this.natGatewayOptions !== undefined || (this.kind === EgressKind.HUB && this.hubOptions?.nextHopIpAddress !== undefined);
  }

  /** The choice, e.g. `natGateway` or `hub`. */
  public toString(): string {
    return this.kind;
  }
}

/** A NAT gateway's settings with defaults applied; the problems of `options` go to `problems` under `prefix`. */
function natSettings(options: NatGatewayEgressOptions, prefix: string, problems: Problem[]): NonNullable<Egress['natGatewayOptions']> {
  const count = options.publicIpCount ?? 1;
  if (Token.isUnresolved(count)) {
    problems.push({ path: `${prefix}publicIpCount`, value: options.publicIpCount, message: 'is known only at deploy time, but one public IP resource is created per address; give a number' });
  } else if (!Number.isInteger(count) || count < 1 || count > MAX_NAT_GATEWAY_PUBLIC_IPS) {
    problems.push({ path: `${prefix}publicIpCount`, value: options.publicIpCount, message: `is out of range; a NAT gateway takes 1 to ${MAX_NAT_GATEWAY_PUBLIC_IPS} public IPs` });
  }
  const idle = options.idleTimeoutMinutes ?? NAT_IDLE_TIMEOUT_MINUTES.default;
  if (!Token.isUnresolved(idle) && (!Number.isInteger(idle) || idle < NAT_IDLE_TIMEOUT_MINUTES.min || idle > NAT_IDLE_TIMEOUT_MINUTES.max)) {
    problems.push({ path: `${prefix}idleTimeoutMinutes`, value: options.idleTimeoutMinutes, message: `is out of range; use a whole number of minutes from ${NAT_IDLE_TIMEOUT_MINUTES.min} to ${NAT_IDLE_TIMEOUT_MINUTES.max}` });
  }
  if (options.zone !== undefined && !Token.isUnresolved(options.zone) && !ZONES.includes(options.zone)) {
    problems.push({ path: `${prefix}zone`, value: options.zone, message: 'is not an availability zone; use "1", "2" or "3", or leave it out for no zone' });
  }
  return { publicIpCount: count, idleTimeoutMinutes: idle, zone: options.zone };
}

/**
 * Problems of `egress` in `region`, for the network that takes it (under its prop `egress`): a zonal NAT
 * gateway needs a region with availability zones (the region catalog, lib/catalog/azure-region.ts).
 */
export function egressProblems(egress: Egress | undefined, region: AzureRegion): Problem[] {
  const zone = egress?.natGatewayOptions?.zone;
  if (zone === undefined || Token.isUnresolved(zone) || region.availabilityZones) return [];
  return [{ path: egress!.kind === EgressKind.HUB ? 'egress.natGateway.zone' : 'egress.zone', value: zone, message: `puts the NAT gateway in a zone, but ${region.name} has no availability zones; leave zone out there` }];
}

/**
 * How many DNS servers a VNet takes: "DNS servers per virtual network | 20" (Learn "Azure subscription and
 * service limits, quotas, and constraints", "Networking limits"; MicrosoftDocs/azure-docs
 * includes/azure-virtual-network-limits.md).
 */
const MAX_DNS_SERVERS = 20;

/**
 * Problems of a list of DNS servers at `dnsServers`: each a literal IPv4 address, as it names NSG rules and
 * VNet settings, and no more than a VNet takes.
 */
export function dnsServerProblems(servers: readonly string[] | undefined): Problem[] {
  const count = servers !== undefined && servers.length > MAX_DNS_SERVERS
    ? [{ path: 'dnsServers', value: servers.length, message: `are more DNS servers than a virtual network takes (${MAX_DNS_SERVERS}, Azure's networking limits); give at most ${MAX_DNS_SERVERS}` }]
    : [];
  return [...count, ...(servers ?? []).flatMap((server, i) => {
    const problem = Token.isUnresolved(server) ? 'is known only at deploy time; give the DNS server\'s address as a literal' : addressProblem(server);
    return problem ? [{ path: `dnsServers[${i}]`, value: server, message: problem }] : [];
  })];
}

/**
 * Why `text` is not one IPv4 address, or `undefined`. Any range is accepted: a VNet may use public
 * ranges too (Learn "Azure Virtual Network FAQ", "What address ranges can I use in my virtual networks?").
 */
function addressProblem(text: string): string | undefined {
  if (Token.isUnresolved(text)) return undefined;
  if (text.includes('/') || typeof Ipv4Cidr.parse(`${text}/32`) === 'string') return 'is not an IPv4 address; give one address, e.g. "10.0.1.4"';
  return undefined;
}

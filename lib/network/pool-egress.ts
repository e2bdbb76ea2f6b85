import { NatGateway, NatGatewayPublicIpAssociation, PublicIp, Route, RouteTable, SubnetNatGatewayAssociation, SubnetRouteTableAssociation } from '../azurerm';
import { Annotations, TerraformResource } from '../engine';
import { Construct } from 'constructs';
import type { AzureRegion } from '../catalog/azure-region';
import { ArmIdParts, parseArmId } from '../private/arm-id';
import { literalTags } from '../private/literal';
import { Egress, EgressKind } from './egress';
import { nameProblem, NameRules } from '../private/names';
import { failAt, type Problem } from '../private/problems';
import type { ServiceTag } from './service-tag';

/**
 * Learn "Virtual network traffic routing", "Service tags for user-defined routes": a route table holds
 * at most 25 routes with a service tag as their prefix. The library adds one per tag it routes.
 */
export const MAX_SERVICE_TAG_ROUTES_PER_TABLE = 25;

/** Properties of a {@link PoolEgress}. */
export interface PoolEgressProps {
  /** Region of the network. */
  readonly region: AzureRegion;
  /** The way out. */
  readonly egress: Egress;
  /** Stem of the names of what is created (`ng-<stem>`, `rt-<stem>-pool`). */
  readonly baseName: string;
  /** Resource group of what is created. */
  readonly resourceGroupName: string;
  /** ARM id of the pool subnet. */
  readonly subnetId: string;
  /**
   * Whether the pool subnet is created alongside: a route table given by id is then associated with it;
   * an imported subnet is taken to be associated with it already.
   */
  readonly subnetCreated: boolean;
  /** Tags of what is created. */
  readonly tags?: { [key: string]: string };
}

/** Names of what an egress creates, from the network's stem. */
function egressNames(baseName: string) {
  return {
    natGateway: `ng-${baseName}`,
    publicIp: (i: number) => `pip-${baseName}-ng-${i + 1}`,
    routeTable: `rt-${baseName}-pool`,
  };
}

/**
 * The problems of the names an egress would create from `baseName`, under the network's `baseName`: the
 * NAT gateway's ends with the stem, which a subnet's `snet-<stem>-pool` does not check.
 */
export function egressNameProblems(baseName: string): Problem[] {
  const names = egressNames(baseName);
  return ([[NameRules.natGateway, names.natGateway], [NameRules.publicIp, names.publicIp(0)], [NameRules.routeTable, names.routeTable]] as const).flatMap(([rule, name]) => {
    const problem = nameProblem(rule, name);
    return problem ? [{ path: 'baseName', value: baseName, message: `gives the ${rule.resource} the name ${JSON.stringify(name)}, which ${problem}; change baseName` }] : [];
  });
}

/**
 * What an {@link Egress} creates for a pool subnet: a NAT gateway with its public IPs, or a route table
 * to the hub (or routes in the hub's table), and the routes that send service tags past the hub.
 * Internal: a network creates it under the id `Egress`.
 */
export class PoolEgress extends Construct {
  /** The NAT gateway, for `Egress.natGateway`. */
  public readonly natGateway?: NatGateway;
  /** Its public IPs, in order. */
  public readonly publicIps: readonly PublicIp[] = [];
  /** The route table created here, for `Egress.throughHub({ nextHopIpAddress })`. */
  public readonly routeTable?: RouteTable;

  private readonly table?: { readonly name: string; readonly resourceGroupName: string; readonly given: boolean };
  private readonly created: TerraformResource[] = [];
  private readonly routes = new Map<string, Route>();

  constructor(scope: Construct, id: string, private readonly props: PoolEgressProps) {
    super(scope, id);
    const { egress } = props;
    const names = egressNames(props.baseName);
    const tags = literalTags(props.tags);
    if (egress.natGatewayOptions !== undefined) {
      const nat = egress.natGatewayOptions;
      const zones = nat.zone === undefined ? undefined : [nat.zone];
      this.natGateway = new NatGateway(this, 'NatGateway', {
        name: names.natGateway,
        location: props.region.name,
        resourceGroupName: props.resourceGroupName,
        // azurerm nat_gateway_resource.go:76-83 at v4.55.0: Standard is the only SKU it accepts.
        skuName: 'Standard',
        idleTimeoutInMinutes: nat.idleTimeoutMinutes,
        zones,
        tags,
      });
      const ips: PublicIp[] = [];
      for (let i = 0; i < nat.publicIpCount; i++) {
        // Learn "Azure NAT Gateway resource", "Static public IP addresses": Standard SKU, static, IPv4;
        // a zonal gateway takes IPs of its own zone only ("NAT gateway and availability zones").
        const ip = new PublicIp(this, `PublicIp${i + 1}`, {
          name: names.publicIp(i),
          location: props.region.name,
          resourceGroupName: props.resourceGroupName,
          sku: 'Standard',
          allocationMethod: 'Static',
          ipVersion: 'IPv4',
          zones,
          tags,
        });
        ips.push(ip);
        this.created.push(new NatGatewayPublicIpAssociation(this, `PublicIp${i + 1}Association`, { natGatewayId: this.natGateway.id, publicIpAddressId: ip.id }));
      }
      this.publicIps = ips;
      // Learn "What is Azure NAT Gateway?", "Traffic routes": the gateway becomes the subnet's default
      // route to the Internet; no route table is needed.
      this.created.push(new SubnetNatGatewayAssociation(this, 'NatGatewayAssociation', { subnetId: props.subnetId, natGatewayId: this.natGateway.id }));
    }
    if (egress.kind === EgressKind.HUB) {
      const hub = egress.hubOptions!;
      if (hub.nextHopIpAddress !== undefined) {
        this.routeTable = new RouteTable(this, 'RouteTable', {
          name: names.routeTable,
          location: props.region.name,
          resourceGroupName: props.resourceGroupName,
          tags,
        });
        this.table = { name: this.routeTable.name, resourceGroupName: props.resourceGroupName, given: false };
        this.created.push(new Route(this, 'DefaultRoute', {
          name: 'udr-default-to-hub',
          resourceGroupName: props.resourceGroupName,
          routeTableName: this.routeTable.name,
          addressPrefix: '0.0.0.0/0',
          nextHopType: 'VirtualAppliance',
          nextHopInIpAddress: hub.nextHopIpAddress,
        }));
        this.created.push(new SubnetRouteTableAssociation(this, 'RouteTableAssociation', { subnetId: props.subnetId, routeTableId: this.routeTable.id }));
      } else {
        // Egress.throughHub refused a malformed id.
        const parsed = parseArmId(hub.routeTableId!, 'routeTable') as ArmIdParts;
        this.table = { name: parsed.names[0], resourceGroupName: parsed.resourceGroupName, given: true };
        if (props.subnetCreated) {
          this.created.push(new SubnetRouteTableAssociation(this, 'RouteTableAssociation', { subnetId: props.subnetId, routeTableId: hub.routeTableId! }));
        }
      }
    }
  }

  /** What nodes wait for before they boot: the associations and routes created so far. */
  public get nodeReadiness(): readonly TerraformResource[] {
    return [...this.created, ...this.routes.values()];
  }

  /** The service tags routed straight to the Internet so far, in order. */
  public get directTags(): readonly string[] {
    return [...this.routes.keys()];
  }

  /**
   * Sends traffic for `tag` straight to the Internet (next hop `Internet`), past the hub. Only a route
   * table to a hub has anything to route past: other egress choices return `undefined`. Once per tag.
   * A hub's table given by id may hold service-tag routes of other spokes, which count toward Azure's 25
   * but are not seen here.
   */
  public routeToInternet(tag: ServiceTag): Route | undefined {
    if (this.table === undefined) return undefined;
    const existing = this.routes.get(tag.name);
    if (existing) return existing;
    if (this.routes.size >= MAX_SERVICE_TAG_ROUTES_PER_TABLE) {
      failAt(this, 'routes', tag.name, `would be route ${this.routes.size + 1} with a service tag in one route table, and Azure allows ${MAX_SERVICE_TAG_ROUTES_PER_TABLE}; route fewer tags past the hub`);
    }
    const slug = tag.name.toLowerCase().replace(/\./g, '-');
    // A hub's table is shared with other spokes: the route's name says whose it is.
    const name = this.table.given ? `udr-${this.props.baseName}-${slug}` : `udr-${slug}`;
    const route = new Route(this, `Route-${tag.name}`, {
      name,
      resourceGroupName: this.table.resourceGroupName,
      routeTableName: this.table.name,
      addressPrefix: tag.name,
      nextHopType: 'Internet',
    });
    this.routes.set(tag.name, route);
    if (this.natGateway === undefined) {
      // notes §2-3: a private subnet has no address to leave with; next hop Internet leaves through a NAT gateway.
      Annotations.of(this).addWarning(`[EGRESS] ${tag.name} is routed to next hop Internet past the hub, but the pool subnet has no NAT gateway${this.props.subnetCreated ? ' and no default outbound access' : ' this library knows of'}, so that traffic has no address to leave with; give Egress.throughHub a natGateway, or allow ${tag.name} on 443 on the hub firewall`);
    }
    return route;
  }
}

import type { PrivateEndpoint } from '../azurerm';
import { TerraformStack, Token } from '../engine';
import { Construct } from 'constructs';
import { cloudEndpoints } from '../catalog/cloud-endpoints';
import { ArmIdParts, parseArmId } from '../private/arm-id';
import { attachRegistryEndpoint } from '../private/attachments';
import { literalTags } from '../private/literal';
import { resourceGroupNameProblem } from '../private/names';
import { dnsZoneIdProblem, EndpointDnsZone, EndpointPlacement, privateDnsZone, privateEndpoint } from '../private/private-endpoint';
import { Problem, throwIfProblems } from '../private/problems';
import type { IBatchNetwork } from './pool-network';

/** Properties of a {@link ContainerRegistryEndpoint}. */
export interface ContainerRegistryEndpointProps {
  /** The network whose nodes pull from the registry; the endpoint goes into its private-endpoint subnet. */
  readonly network: IBatchNetwork;
  /**
   * ARM id of the registry. Private Link needs the Premium tier (Learn "Connect privately to an Azure
   * container registry using Azure Private Link").
   */
  readonly registryId: string;
  /** Resource group of the endpoint (and of the DNS zone, when one is created). */
  readonly resourceGroupName: string;
  /**
   * ARM id of a `privatelink.azurecr.*` zone that exists (a hub's): nothing is created for DNS.
   * @default - the zone is created and linked to the network's VNet
   */
  readonly privateDnsZoneId?: string;
  /**
   * Tags of what is created.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A private endpoint for an Azure Container Registry in the network's private-endpoint subnet
 * (sub-resource `registry`), so nodes pull images without any way out of the VNet. The endpoint gets an
 * address for the login server and one per data endpoint of the registry's regions, and the zone group
 * records both in the `privatelink.azurecr.*` zone (same page, "Create a private registry endpoint" and
 * "Configure the private DNS zone"). Pools name the registry in `container.registries` with an identity
 * that has AcrPull on it.
 */
export class ContainerRegistryEndpoint extends Construct {
  /** The private endpoint (id `Resource`). */
  public readonly resource: PrivateEndpoint;
  /** The registry's login server, e.g. `contoso.azurecr.io`, which pools name in `container.registries`. */
  public readonly loginServer: string;

  constructor(scope: Construct, id: string, props: ContainerRegistryEndpointProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const endpoints = cloudEndpoints(props.network.region.cloud);
    // The login server pools name is derived from the id at synth time, so it must be a literal.
    const registry = Token.isUnresolved(props.registryId) ? 'is known only at deploy time, but the registry\'s login server is needed at synth; give its id as a literal' : parseArmId(props.registryId, 'containerRegistry');
    if (typeof registry === 'string') {
      problems.push({ path: 'registryId', value: props.registryId, message: registry });
    } else if (!REGISTRY_NAME.test(registry.names[0])) {
      problems.push({ path: 'registryId', value: props.registryId, message: `names the registry "${registry.names[0]}", and registry names are 5-50 letters and digits; give the id of your registry` });
    }
    const group = resourceGroupNameProblem(props.resourceGroupName);
    if (group) problems.push(group);
    if (props.privateDnsZoneId !== undefined) {
      const zone = dnsZoneIdProblem(props.privateDnsZoneId, endpoints.containerRegistryPrivateDnsZone);
      if (zone) problems.push({ path: 'privateDnsZoneId', value: props.privateDnsZoneId, message: zone });
    }
    throwIfProblems(this, problems);
    const name = (registry as ArmIdParts).names[0].toLowerCase();
    // Login servers are the registry name in lower case.
    this.loginServer = `${name}.${endpoints.containerRegistryDnsSuffix}`;
    const placement = {
      location: props.network.region.name,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.network.privateEndpointSubnetId,
      virtualNetworkId: props.network.virtualNetworkId,
      tags: literalTags(props.tags),
    };
    const zone = props.privateDnsZoneId === undefined ? sharedZone(this, props.network, () => endpoints.containerRegistryPrivateDnsZone, placement)
      : privateDnsZone(this, 'DnsZone', endpoints.containerRegistryPrivateDnsZone, placement, props.privateDnsZoneId);
    this.resource = privateEndpoint(this, 'Resource', {
      // Registry names are 5-50 letters and digits, so the name stays within a private endpoint's 64.
      name: `pe-${name}-registry`,
      resourceId: props.registryId,
      subresource: 'registry',
      dnsZoneId: zone.id,
      placement,
    });
    // Nodes pull once the name resolves to the endpoint: the endpoint and the zone's link to the VNet.
    attachRegistryEndpoint(props.network, this.loginServer, [this.resource, ...(zone.link ? [zone.link] : [])]);
  }
}

/**
 * Learn "Naming rules and restrictions for Azure resources", Microsoft.ContainerRegistry "registries":
 * 5-50 alphanumerics, globally unique.
 */
const REGISTRY_NAME = /^[A-Za-z0-9]{5,50}$/;

const ZONES = new WeakMap<IBatchNetwork, EndpointDnsZone>();

/**
 * The registry zone of `network`'s VNet, shared by its registries' endpoints as the Batch endpoints share
 * theirs (a second zone of that name in one resource group would be the same ARM resource). It belongs to
 * the first endpoint's parent (id `ContainerRegistryDnsZone`), so removing any registry leaves it, and
 * the other registries' records in it, where they are.
 */
function sharedZone(endpoint: Construct, network: IBatchNetwork, zoneName: () => string, placement: EndpointPlacement): EndpointDnsZone {
  const known = ZONES.get(network);
  if (known !== undefined) return known;
  const scope = endpoint.node.scope!;
  const id = scope.node.tryFindChild(ZONE_ID) === undefined ? ZONE_ID : `${ZONE_ID}-${network.node.id}`;
  const zone = privateDnsZone(scope, id, zoneName(), placement);
  // Until 2026-12 the zone was the first endpoint's own (`<endpoint>/DnsZone` and `DnsZoneLink`): moved
  // blocks from those addresses keep a deployed zone, and every record in it, instead of replacing it.
  // Terraform ignores a moved block whose `from` is not in the state (a new deployment).
  const stack = TerraformStack.of(endpoint);
  zone.zone!.moveFromId(`azurerm_private_dns_zone.${stack.getLogicalId(new Construct(endpoint, 'DnsZone').node)}`);
  zone.link!.moveFromId(`azurerm_private_dns_zone_virtual_network_link.${stack.getLogicalId(new Construct(endpoint, 'DnsZoneLink').node)}`);
  ZONES.set(network, zone);
  return zone;
}

const ZONE_ID = 'ContainerRegistryDnsZone';

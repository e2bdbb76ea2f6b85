import { PrivateDnsZone, PrivateDnsZoneVirtualNetworkLink, PrivateEndpoint } from '../azurerm';
import { Construct } from 'constructs';
import { AzureRegion } from '../catalog/azure-region';
import { cloudEndpoints } from '../catalog/cloud-endpoints';
import { parseArmId } from './arm-id';

/** Where private endpoints of a region go and how their names resolve. */
export interface EndpointPlacement {
  readonly location: string;
  readonly resourceGroupName: string;
  /** Subnet the endpoints' network interfaces are created in. */
  readonly subnetId: string;
  /** VNet the private DNS zone is linked to, so names resolve to the endpoints inside it. */
  readonly virtualNetworkId: string;
  readonly tags?: { [key: string]: string };
}

/** A private DNS zone for endpoints, and its link to the VNet when this library created it. */
export interface EndpointDnsZone {
  readonly id: string;
  /** The zone, when this library created it. */
  readonly zone?: PrivateDnsZone;
  readonly link?: PrivateDnsZoneVirtualNetworkLink;
}

/**
 * A private DNS zone linked to the region's VNet, or the id of one the user manages (hub-and-spoke
 * DNS), in which case nothing is created. In the public cloud the link falls back to public resolution
 * for names the zone has no record of (`NxDomainRedirect`, see `CloudEndpoints.privateDnsFallback`): a
 * linked privatelink zone answers NXDOMAIN for every resource with a private endpoint elsewhere (another
 * team's or tenant's storage account, the other region's Batch account), so nodes could not reach those
 * even through their public endpoints.
 */
export function privateDnsZone(scope: Construct, id: string, zoneName: string, placement: EndpointPlacement, existingZoneId?: string): EndpointDnsZone {
  if (existingZoneId !== undefined) return { id: existingZoneId };
  const zone = new PrivateDnsZone(scope, id, { name: zoneName, resourceGroupName: placement.resourceGroupName, tags: placement.tags });
  const link = new PrivateDnsZoneVirtualNetworkLink(scope, `${id}Link`, {
    name: 'vnet-link',
    privateDnsZoneName: zone.name,
    resourceGroupName: placement.resourceGroupName,
    virtualNetworkId: placement.virtualNetworkId,
    registrationEnabled: false,
    resolutionPolicy: cloudEndpoints(AzureRegion.of(placement.location).cloud).privateDnsFallback ? 'NxDomainRedirect' : undefined,
    tags: placement.tags,
  });
  return { id: zone.id, zone, link };
}

/** A private endpoint for one sub-resource of `resourceId`, registered in `dnsZoneId`. */
export function privateEndpoint(
  scope: Construct,
  id: string,
  props: { readonly name: string; readonly resourceId: string; readonly subresource: string; readonly dnsZoneId: string; readonly placement: EndpointPlacement },
): PrivateEndpoint {
  const { placement } = props;
  return new PrivateEndpoint(scope, id, {
    name: props.name,
    location: placement.location,
    resourceGroupName: placement.resourceGroupName,
    subnetId: placement.subnetId,
    customNetworkInterfaceName: `${props.name}-nic`,
    privateServiceConnection: {
      name: props.name,
      privateConnectionResourceId: props.resourceId,
      subresourceNames: [props.subresource],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [props.dnsZoneId] },
    tags: placement.tags,
  });
}

/**
 * Why `zoneId` cannot hold the records of endpoints whose zone is `zoneName` (the cloud's `privatelink`
 * name, Learn "Azure Private Endpoint private DNS zone values"), or `undefined`: it must be a private DNS
 * zone id, and of that zone.
 */
export function dnsZoneIdProblem(zoneId: string, zoneName: string): string | undefined {
  const parsed = parseArmId(zoneId, 'privateDnsZone');
  if (typeof parsed === 'string') return parsed;
  const name = parsed.names[0];
  if (!/\$\{/.test(name) && name.toLowerCase() !== zoneName.toLowerCase()) {
    return `names the zone "${name}", but these endpoints register in "${zoneName}" in this region's cloud; give the id of that zone`;
  }
  return undefined;
}

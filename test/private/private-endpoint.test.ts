import { Construct } from 'constructs';
import { EndpointPlacement, privateDnsZone, privateEndpoint } from '../../lib/private/private-endpoint';
import { batchFixture, newStack, resolved, resourcesOf, synth } from '../helpers';

const HUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network';
const PLACEMENT: EndpointPlacement = {
  location: 'eastus', resourceGroupName: 'rg-batch', subnetId: `${HUB}/virtualNetworks/vnet-hub/subnets/snet-endpoints`,
  virtualNetworkId: `${HUB}/virtualNetworks/vnet-hub`, tags: { team: 'render' },
};
const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/bacontoso';

describe('privateDnsZone', () => {
  test('creates the zone and links it to the VNet, without auto-registration', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Account');
    const zone = privateDnsZone(scope, 'BatchDnsZone', 'privatelink.batch.azure.com', PLACEMENT);
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([{ name: 'privatelink.batch.azure.com', resource_group_name: 'rg-batch', tags: { team: 'render' } }]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([{
      name: 'vnet-link',
      private_dns_zone_name: expect.stringMatching(/^\$\{azurerm_private_dns_zone\.Account_BatchDnsZone_[A-F0-9]+\.name\}$/),
      resource_group_name: 'rg-batch',
      virtual_network_id: `${HUB}/virtualNetworks/vnet-hub`,
      registration_enabled: false,
      resolution_policy: 'NxDomainRedirect',
      tags: { team: 'render' },
    }]);
    expect(resolved(stack, zone.id)).toMatch(/^\$\{azurerm_private_dns_zone\.Account_BatchDnsZone_[A-F0-9]+\.id\}$/);
    expect(zone.link).toBeDefined();
  });

  test('uses a zone you manage as it is, creating nothing', () => {
    const stack = newStack();
    const existing = `${HUB}/privateDnsZones/privatelink.batch.azure.com`;
    expect(privateDnsZone(new Construct(stack, 'Account'), 'BatchDnsZone', 'privatelink.batch.azure.com', PLACEMENT, existing)).toEqual({ id: existing });
    expect(synth(stack).resource).toBeUndefined();
  });
});

describe('privateEndpoint', () => {
  test('one sub-resource, an automatic connection, a named NIC and the zone group', () => {
    const stack = newStack();
    privateEndpoint(new Construct(stack, 'Account'), 'NodeManagementEndpoint', {
      name: 'pe-bacontoso-nodemanagement', resourceId: ACCOUNT, subresource: 'nodeManagement', dnsZoneId: `${HUB}/privateDnsZones/privatelink.batch.azure.com`, placement: PLACEMENT,
    });
    expect(resourcesOf(synth(stack), 'azurerm_private_endpoint')).toEqual([{
      name: 'pe-bacontoso-nodemanagement',
      location: 'eastus',
      resource_group_name: 'rg-batch',
      subnet_id: `${HUB}/virtualNetworks/vnet-hub/subnets/snet-endpoints`,
      custom_network_interface_name: 'pe-bacontoso-nodemanagement-nic',
      private_service_connection: {
        name: 'pe-bacontoso-nodemanagement', private_connection_resource_id: ACCOUNT, subresource_names: ['nodeManagement'], is_manual_connection: false,
      },
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: [`${HUB}/privateDnsZones/privatelink.batch.azure.com`] },
      tags: { team: 'render' },
    }]);
  });

  // Batch private endpoints: sub-resources `batchAccount` and `nodeManagement`, both in privatelink.batch.azure.com
  // (azure-docs articles/batch/private-connectivity.md); blob: sub-resource `blob` in privatelink.blob.core.windows.net.
  test('a deployment\'s endpoints: one per Batch sub-resource and one for blob, each registered in its zone, in the endpoint subnet', () => {
    const json = batchFixture().synth();
    const zones = Object.fromEntries(Object.entries(json.resource?.azurerm_private_dns_zone ?? {}).map(([id, zone]) => [`\${azurerm_private_dns_zone.${id}.id}`, zone.name]));
    const endpoints = resourcesOf(json, 'azurerm_private_endpoint').map((endpoint: any) => [
      endpoint.private_service_connection.subresource_names, zones[endpoint.private_dns_zone_group.private_dns_zone_ids[0]], endpoint.subnet_id,
    ]);
    const endpointSubnet = expect.stringMatching(/^\$\{azurerm_subnet\.Network_EndpointSubnet_[A-F0-9]+\.id\}$/);
    expect(endpoints).toEqual(expect.arrayContaining([
      [['batchAccount'], 'privatelink.batch.azure.com', endpointSubnet],
      [['nodeManagement'], 'privatelink.batch.azure.com', endpointSubnet],
      [['blob'], 'privatelink.blob.core.windows.net', endpointSubnet],
    ]));
    expect(endpoints).toHaveLength(3);
  });
});

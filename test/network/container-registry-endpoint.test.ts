import { TerraformStack, TerraformVariable } from 'cdktf';
import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchNetwork, IBatchNetwork } from '../../lib/network/batch-network';
import { ContainerRegistryEndpoint, ContainerRegistryEndpointProps } from '../../lib/network/container-registry-endpoint';
import { SimplifiedPool } from '../../lib/pool/simplified-pool';
import { BatchRegion, BatchRegionProps } from '../../lib/region/batch-region';
import { newStack, problemsOf, resolved, resourcesOf, synth, SynthesizedStack } from '../helpers';

/**
 * ContainerRegistryEndpoint: an Azure Container Registry reached through a private endpoint (sub-resource
 * `registry`) in the network's endpoint subnet, with its `privatelink.azurecr.*` zone, on its own and as
 * BatchRegion's `containerRegistryIds`.
 */

const eastus = AzureRegion.of('eastus');
const SUBSCRIPTION = '/subscriptions/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const registryId = (name: string, group = 'rg-acr') => `${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries/${name}`;
const REGISTRY_ID = registryId('contosoacr');
const VNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
const SUBNET_ID = `${VNET_ID}/subnets/snet-batch`;
const ENDPOINT_SUBNET_ID = `${VNET_ID}/subnets/snet-endpoints`;
const HUB_ZONES = '/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones';
// Learn "Azure Private Endpoint private DNS zone values", "Containers": Azure Container Registry, sub-resource registry.
const ACR_ZONE = `${HUB_ZONES}/privatelink.azurecr.io`;
const BLOB_ZONE = `${HUB_ZONES}/privatelink.blob.core.windows.net`;
const ACCOUNT_ID = `${SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso`;

const REGISTRY_ID_MESSAGE = 'is not a container registry resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<registry>';

/** A new network `Network` (baseName contoso) in `region`. */
function newNetwork(stack: TerraformStack, region = eastus): BatchNetwork {
  return new BatchNetwork(stack, 'Network', { region, resourceGroupName: 'rg-batch', addressSpace: '10.10.0.0/16', baseName: 'contoso' });
}

/** An endpoint `Acr` for `REGISTRY_ID` in a new network, with `props` over that. */
function endpoint(props: Partial<ContainerRegistryEndpointProps> = {}, region = eastus) {
  const stack = newStack();
  const network = props.network ?? newNetwork(stack, region);
  const construct = new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch', ...props });
  return { stack, network, construct, json: () => synth(stack) };
}

/** The Terraform reference to `attribute` of the one resource of `type` that `where` picks. */
function refOf(json: SynthesizedStack, type: string, where: (body: Record<string, unknown>) => boolean = () => true, attribute = 'id'): string {
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([, body]) => where(body));
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  return '${' + `${type}.${matches[0][0]}.${attribute}` + '}';
}

/** The Terraform addresses of the resources of `type` that `where` picks, as `depends_on` writes them. */
function addressesOf(json: SynthesizedStack, type: string, where: (body: Record<string, unknown>) => boolean = () => true): string[] {
  return Object.entries(json.resource?.[type] ?? {}).filter(([, body]) => where(body)).map(([id]) => `${type}.${id}`);
}

/** The private endpoints whose one sub-resource is `registry`. */
const registryEndpoints = (json: SynthesizedStack) => resourcesOf(json, 'azurerm_private_endpoint')
  .filter((body: any) => body.private_service_connection.subresource_names.includes('registry'));

/** A pool named `work` of an account that exists, in `network`. */
function poolIn(network: IBatchNetwork): SimplifiedPool {
  const stack = TerraformStack.of(network);
  const account = RegionalBatchAccount.fromAccountId(stack, 'Account', ACCOUNT_ID, { region: network.region });
  return new SimplifiedPool(stack, 'Pool', {
    account, network, name: 'work', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['contosoacr.azurecr.io/render:1'] },
  });
}

describe('ContainerRegistryEndpoint', () => {
  test('one private endpoint pe-<registry>-registry in the network\'s endpoint subnet, for the registry\'s "registry" sub-resource, in its own zone', () => {
    const { json: synthesize } = endpoint();
    const json = synthesize();
    expect(resourcesOf(json, 'azurerm_private_endpoint')).toEqual([{
      name: 'pe-contosoacr-registry',
      location: 'eastus',
      resource_group_name: 'rg-batch',
      subnet_id: refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-endpoints'),
      custom_network_interface_name: 'pe-contosoacr-registry-nic',
      private_service_connection: {
        name: 'pe-contosoacr-registry', private_connection_resource_id: REGISTRY_ID, subresource_names: ['registry'], is_manual_connection: false,
      },
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: [refOf(json, 'azurerm_private_dns_zone')] },
    }]);
  });

  test('creates the privatelink.azurecr.io zone and links it to the network\'s VNet, without auto-registration', () => {
    const json = endpoint().json();
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([{ name: 'privatelink.azurecr.io', resource_group_name: 'rg-batch' }]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([{
      name: 'vnet-link',
      private_dns_zone_name: refOf(json, 'azurerm_private_dns_zone', undefined, 'name'),
      resource_group_name: 'rg-batch',
      virtual_network_id: refOf(json, 'azurerm_virtual_network'),
      registration_enabled: false,
      resolution_policy: 'NxDomainRedirect',
    }]);
  });

  test('a zone you give (a hub\'s) takes the records: no zone and no link are created', () => {
    const json = endpoint({ privateDnsZoneId: ACR_ZONE }).json();
    expect(registryEndpoints(json).map((body) => body.private_dns_zone_group)).toEqual([{ name: 'default', private_dns_zone_ids: [ACR_ZONE] }]);
    expect([resourcesOf(json, 'azurerm_private_dns_zone'), resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')]).toEqual([[], []]);
  });

  test('the tags go on the endpoint, the zone and the link', () => {
    const json = endpoint({ tags: { team: 'render' } }).json();
    expect([...registryEndpoints(json), ...resourcesOf(json, 'azurerm_private_dns_zone'), ...resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')]
      .map((body) => body.tags)).toEqual([{ team: 'render' }, { team: 'render' }, { team: 'render' }]);
  });

  test('loginServer is <name>.azurecr.io in lower case, as the endpoint\'s name; the registry id stays as written', () => {
    const { construct, json } = endpoint({ registryId: registryId('ContosoAcr') });
    expect(construct.loginServer).toBe('contosoacr.azurecr.io');
    expect(registryEndpoints(json()).map((body: any) => [body.name, body.private_service_connection.private_connection_resource_id]))
      .toEqual([['pe-contosoacr-registry', registryId('ContosoAcr')]]);
  });

  test('exposes the endpoint as resource', () => {
    const { stack, construct } = endpoint();
    expect(resolved(stack, construct.resource.fqn)).toMatch(/^\$\{azurerm_private_endpoint\.Acr_[A-F0-9]+\}$/);
  });

  test('in US Government: the privatelink.azurecr.us zone and a <name>.azurecr.us login server', () => {
    const { construct, json } = endpoint({}, AzureRegion.of('usgovvirginia'));
    const synthesized = json();
    expect(resourcesOf(synthesized, 'azurerm_private_dns_zone').map((zone) => zone.name)).toEqual(['privatelink.azurecr.us']);
    expect(registryEndpoints(synthesized).map((body) => body.location)).toEqual(['usgovvirginia']);
    expect(construct.loginServer).toBe('contosoacr.azurecr.us');
  });

  test('in an imported subnet: the given endpoint subnet, and the zone linked to the VNet the subnet id names', () => {
    const stack = newStack();
    const network = BatchNetwork.fromSubnetId(stack, 'Network', SUBNET_ID, {
      region: eastus, addressPrefix: '10.50.4.0/22', privateEndpointSubnetId: ENDPOINT_SUBNET_ID, privateEndpointSubnetPrefix: '10.50.8.0/27', baseName: 'contoso',
    });
    new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch' });
    const json = synth(stack);
    expect(registryEndpoints(json).map((body) => body.subnet_id)).toEqual([ENDPOINT_SUBNET_ID]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').map((link) => link.virtual_network_id)).toEqual([VNET_ID]);
  });

  test('the endpoint is part of the network\'s node readiness: pools created before or after it wait for it', () => {
    const before = newStack();
    const early = newNetwork(before);
    poolIn(early);
    const late = new ContainerRegistryEndpoint(before, 'Acr', { network: early, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch' });
    expect(early.nodeReadiness).toContain(late.resource);
    const json = synth(before);
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(addressesOf(json, 'azurerm_private_endpoint')));

    const after = newStack();
    const network = newNetwork(after);
    new ContainerRegistryEndpoint(after, 'Acr', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch' });
    poolIn(network);
    const json2 = synth(after);
    expect(resourcesOf(json2, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(addressesOf(json2, 'azurerm_private_endpoint')));
  });

  test('an endpoint in another network is not waited for', () => {
    const stack = newStack();
    const network = newNetwork(stack);
    const other = new BatchNetwork(stack, 'Other', { region: eastus, resourceGroupName: 'rg-batch', addressSpace: '10.20.0.0/16', baseName: 'other' });
    new ContainerRegistryEndpoint(stack, 'Acr', { network: other, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch' });
    poolIn(network);
    const json = synth(stack);
    const [address] = addressesOf(json, 'azurerm_private_endpoint');
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).not.toContain(address);
  });

  test('pools also wait for the VNet link of the registry zone it created, as they do for the Batch zone\'s', () => {
    const stack = newStack();
    const network = newNetwork(stack);
    new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch' });
    poolIn(network);
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(addressesOf(json, 'azurerm_private_dns_zone_virtual_network_link')));
  });

  test('two registries in one network share one privatelink.azurecr.io zone and one link', () => {
    const stack = newStack();
    const network = newNetwork(stack);
    new ContainerRegistryEndpoint(stack, 'Contoso', { network, registryId: registryId('contosoacr'), resourceGroupName: 'rg-batch' });
    new ContainerRegistryEndpoint(stack, 'Fabrikam', { network, registryId: registryId('fabrikamacr'), resourceGroupName: 'rg-batch' });
    const json = synth(stack);
    expect(registryEndpoints(json).map((body) => body.name)).toEqual(['pe-contosoacr-registry', 'pe-fabrikamacr-registry']);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((zone) => [zone.resource_group_name, zone.name])).toEqual([['rg-batch', 'privatelink.azurecr.io']]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(1);
  });

  describe('problems: every one at once, under its prop, with the value and the fix', () => {
    test('a malformed registry id, resource group name and a zone id of another zone', () => {
      const stack = newStack();
      const network = newNetwork(stack);
      expect(problemsOf(() => new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: 'contosoacr', resourceGroupName: 'rg batch!', privateDnsZoneId: BLOB_ZONE }))).toEqual([
        { subject: 'ContainerRegistryEndpoint', constructPath: 'test/Acr', path: 'registryId', value: 'contosoacr', message: REGISTRY_ID_MESSAGE },
        {
          subject: 'ContainerRegistryEndpoint', constructPath: 'test/Acr', path: 'resourceGroupName', value: 'rg batch!',
          message: 'is not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
        },
        {
          subject: 'ContainerRegistryEndpoint', constructPath: 'test/Acr', path: 'privateDnsZoneId', value: BLOB_ZONE,
          message: 'names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.azurecr.io" in this region\'s cloud; give the id of that zone',
        },
      ]);
    });

    test.each([
      ['the id of another resource type', `${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.Storage/storageAccounts/contosoacr`],
      ['an id without a registry name', `${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/`],
      ['an id with a path after the registry', `${REGISTRY_ID}/replications/westus`],
    ])('%s is not a registry id', (_, id) => {
      const stack = newStack();
      const network = newNetwork(stack);
      expect(problemsOf(() => new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: id, resourceGroupName: 'rg-batch' })).map((problem) => [problem.path, problem.value, problem.message]))
        .toEqual([['registryId', id, REGISTRY_ID_MESSAGE]]);
    });

    test('a zone id that is no private DNS zone id, and the public cloud\'s zone in US Government', () => {
      const stack = newStack();
      const network = newNetwork(stack, AzureRegion.of('usgovvirginia'));
      expect(problemsOf(() => new ContainerRegistryEndpoint(stack, 'Acr', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch', privateDnsZoneId: 'privatelink.azurecr.us' }))
        .map((problem) => [problem.path, problem.value, problem.message])).toEqual([[
        'privateDnsZoneId', 'privatelink.azurecr.us',
        'is not a private DNS zone resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>',
      ]]);
      expect(problemsOf(() => new ContainerRegistryEndpoint(stack, 'Acr2', { network, registryId: REGISTRY_ID, resourceGroupName: 'rg-batch', privateDnsZoneId: ACR_ZONE }))
        .map((problem) => [problem.path, problem.message])).toEqual([[
        'privateDnsZoneId', 'names the zone "privatelink.azurecr.io", but these endpoints register in "privatelink.azurecr.us" in this region\'s cloud; give the id of that zone',
      ]]);
    });

    test('the zone name compares case-insensitively, as DNS names do', () => {
      const json = endpoint({ privateDnsZoneId: `${HUB_ZONES}/PrivateLink.AzureCR.io` }).json();
      expect(registryEndpoints(json).map((body: any) => body.private_dns_zone_group.private_dns_zone_ids)).toEqual([[`${HUB_ZONES}/PrivateLink.AzureCR.io`]]);
    });
  });
});

describe('BatchRegion containerRegistryIds', () => {
  /** A region `contoso` in eastus (its subscription given), with `props` over that. */
  function region(props: Partial<BatchRegionProps>) {
    const stack = newStack();
    const construct = new BatchRegion(stack, 'Region', {
      deploymentName: 'contoso', region: eastus, addressSpace: '10.10.0.0/16', subscriptionId: '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f', ...props,
    });
    return { stack, construct };
  }
  const problemsOfRegion = (props: Partial<BatchRegionProps>) => problemsOf(() => region(props)).map((problem) => [problem.subject, problem.path, problem.value, problem.message]);

  test('one endpoint per registry, under the id Registry-<name>, in the region\'s endpoint subnet and resource group, tagged like the region', () => {
    const { stack, construct } = region({ containerRegistryIds: [registryId('contosoacr'), registryId('fabrikamacr', 'rg-other')], tags: { team: 'render' } });
    const endpoints = construct.node.children.filter((child): child is ContainerRegistryEndpoint => child instanceof ContainerRegistryEndpoint);
    expect(endpoints.map((child) => [child.node.id, child.loginServer])).toEqual([['Registry-contosoacr', 'contosoacr.azurecr.io'], ['Registry-fabrikamacr', 'fabrikamacr.azurecr.io']]);
    const json = synth(stack);
    const endpointSubnet = refOf(json, 'azurerm_subnet', (subnet) => subnet.name === 'snet-contoso-eastus-endpoints');
    const group = refOf(json, 'azurerm_resource_group', undefined, 'name');
    expect(registryEndpoints(json).map((body: any) => [body.name, body.subnet_id, body.resource_group_name, body.private_service_connection.private_connection_resource_id, body.tags]))
      .toEqual([
        ['pe-contosoacr-registry', endpointSubnet, group, registryId('contosoacr'), { deployment: 'contoso', region: 'eastus', role: 'primary', team: 'render' }],
        ['pe-fabrikamacr-registry', endpointSubnet, group, registryId('fabrikamacr', 'rg-other'), { deployment: 'contoso', region: 'eastus', role: 'primary', team: 'render' }],
      ]);
  });

  // The addresses a region with these two registries gave the zone and its link up to 5ad7ee0 (under
  // the first registry's endpoint), read from that version's synth: what deployed states hold.
  const FORMER_ZONE = 'azurerm_private_dns_zone.Region_Registry-contosoacr_DnsZone_68B406AB';
  const FORMER_LINK = 'azurerm_private_dns_zone_virtual_network_link.Region_Registry-contosoacr_DnsZoneLink_CC98C50B';

  test('the shared registry zone is the region\'s own (ContainerRegistryDnsZone), moved from where the first registry held it, and stays put when that registry goes', () => {
    const both = synth(region({ containerRegistryIds: [registryId('contosoacr'), registryId('fabrikamacr')] }).stack);
    const zoneAddress = addressesOf(both, 'azurerm_private_dns_zone', (body: any) => body.name === 'privatelink.azurecr.io');
    const linkAddress = addressesOf(both, 'azurerm_private_dns_zone_virtual_network_link', (body: any) => body.private_dns_zone_name === '${azurerm_private_dns_zone.' + zoneAddress[0].split('.')[1] + '.name}');
    expect([zoneAddress, linkAddress]).toEqual([[expect.stringMatching(/^azurerm_private_dns_zone\.Region_ContainerRegistryDnsZone_[0-9A-F]{8}$/)], [expect.stringMatching(/^azurerm_private_dns_zone_virtual_network_link\.Region_ContainerRegistryDnsZoneLink_[0-9A-F]{8}$/)]]);
    expect((both as any).moved).toEqual([{ from: FORMER_ZONE, to: zoneAddress[0] }, { from: FORMER_LINK, to: linkAddress[0] }]);
    const withoutFirst = synth(region({ containerRegistryIds: [registryId('fabrikamacr')] }).stack);
    expect(addressesOf(withoutFirst, 'azurerm_private_dns_zone', (body: any) => body.name === 'privatelink.azurecr.io')).toEqual(zoneAddress);
  });

  test('the region\'s pools wait for its registry endpoints', () => {
    const { stack } = region({
      containerRegistryIds: [REGISTRY_ID],
      pools: [{ name: 'web', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC, container: { imageNames: ['contosoacr.azurecr.io/web:1'] } }],
    });
    const json = synth(stack);
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toEqual(expect.arrayContaining(addressesOf(json, 'azurerm_private_endpoint', (body: any) => body.name === 'pe-contosoacr-registry')));
  });

  test('privateDnsZoneIds.containerRegistry: the endpoints register in the hub\'s zone, and the region creates no azurecr zone', () => {
    const { stack } = region({ containerRegistryIds: [REGISTRY_ID], privateDnsZoneIds: { containerRegistry: ACR_ZONE } });
    const json = synth(stack);
    expect(registryEndpoints(json).map((body: any) => body.private_dns_zone_group.private_dns_zone_ids)).toEqual([[ACR_ZONE]]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((zone) => zone.name).sort()).toEqual(['privatelink.batch.azure.com', 'privatelink.blob.core.windows.net']);
  });

  test('without containerRegistryIds: no registry endpoint and no azurecr zone', () => {
    const json = synth(region({}).stack);
    expect(registryEndpoints(json)).toEqual([]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((zone) => zone.name)).not.toContain('privatelink.azurecr.io');
  });

  test('bad registry ids are problems of containerRegistryIds[i], with the id as written', () => {
    const noName = `${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/`;
    expect(problemsOfRegion({ containerRegistryIds: [REGISTRY_ID, 'fabrikamacr', noName] })).toEqual([
      ['BatchRegion', 'containerRegistryIds[1]', 'fabrikamacr', REGISTRY_ID_MESSAGE],
      ['BatchRegion', 'containerRegistryIds[2]', noName, REGISTRY_ID_MESSAGE],
    ]);
  });

  test('a zone of another name is one problem of privateDnsZoneIds.containerRegistry', () => {
    expect(problemsOfRegion({ containerRegistryIds: [REGISTRY_ID], privateDnsZoneIds: { containerRegistry: BLOB_ZONE } })).toEqual([[
      'BatchRegion', 'privateDnsZoneIds.containerRegistry', BLOB_ZONE,
      'names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.azurecr.io" in this region\'s cloud; give the id of that zone',
    ]]);
  });

  test('a bad resourceGroupName is reported once, under resourceGroupName, not again at the registry id', () => {
    expect(problemsOfRegion({ resourceGroupName: 'rg batch!', containerRegistryIds: [REGISTRY_ID] }).map(([, path, value]) => [path, value]))
      .toEqual([['resourceGroupName', 'rg batch!']]);
  });

  test('a repeated registry is a problem of containerRegistryIds[1], not a construct-tree error', () => {
    expect(problemsOfRegion({ containerRegistryIds: [REGISTRY_ID, REGISTRY_ID] }).map(([, path, value]) => [path, value]))
      .toEqual([['containerRegistryIds[1]', REGISTRY_ID]]);
  });

  test('a registry zone without registries is refused, as the blob zone is beside imported storage', () => {
    expect(problemsOfRegion({ privateDnsZoneIds: { containerRegistry: ACR_ZONE } })).toEqual([[
      'BatchRegion', 'privateDnsZoneIds.containerRegistry', ACR_ZONE, 'is for the endpoints of containerRegistryIds, and none is given; remove it, or list the registries',
    ]]);
  });
});

describe('ContainerRegistryEndpoint registry ids', () => {
  test('a registry name outside ACR\'s 5-50 letters and digits, and an id known only at deploy time, are refused', () => {
    const stack = newStack();
    const network = newNetwork(stack);
    const at = (registryId: string) => problemsOf(() => new ContainerRegistryEndpoint(stack, `Acr${registryId.length}`, { network, registryId, resourceGroupName: 'rg-batch' }))
      .map((problem) => [problem.path, problem.message]);
    expect(at(registryId('acr'))).toEqual([['registryId', 'names the registry "acr", and registry names are 5-50 letters and digits; give the id of your registry']]);
    expect(at(registryId('contoso-acr'))).toEqual([['registryId', 'names the registry "contoso-acr", and registry names are 5-50 letters and digits; give the id of your registry']]);
    const token = new TerraformVariable(stack, 'registry', { type: 'string' }).stringValue;
    expect(at(token)).toEqual([['registryId', 'is known only at deploy time, but the registry\'s login server is needed at synth; give its id as a literal']]);
  });
});


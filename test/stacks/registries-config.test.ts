import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, runApp } from '../../stacks/main';
import { filesUnder, resourcesOf, SynthesizedStack, validConfigWith, withoutCapacityTable } from '../helpers';

/**
 * The app's private registries, run as a user runs it (`BATCH_DEPLOYMENT_CONFIG=<file> npm run synth`):
 * top-level `containerRegistries` (an endpoint in every region), a region's
 * `privateDnsZones.containerRegistry`, and a pool's `registries`; what it writes, and what it prints for
 * configs it refuses.
 */

const dir = mkdtempSync(join(tmpdir(), 'registries-config-'));
const SUBSCRIPTION_ID = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const REGISTRY_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contosoacr`;
const ACR_PULL = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr-pull`;
const HUB_ZONES = '/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones';
// Learn "Azure Private Endpoint private DNS zone values", "Containers": the public cloud's registry zone.
const ACR_ZONE = `${HUB_ZONES}/privatelink.azurecr.io`;
const BLOB_ZONE = `${HUB_ZONES}/privatelink.blob.core.windows.net`;
const IMAGE = 'contosoacr.azurecr.io/render:1';
const REGIONS = ['batch-eastus', 'batch-westus'];

/**
 * The DESIGN example (eastus primary, westus standby, pool `work`) with its subscription (so nothing is
 * printed about shared names), the registry as `containerRegistries[0]` and a container pool `render`
 * (`pools[1]`) that pulls from it with an identity; `edit` changes that.
 */
function registryConfig(edit: (config: any) => void = () => undefined): any {
  return validConfigWith((config) => {
    config.subscriptionId = SUBSCRIPTION_ID;
    config.containerRegistries = [{ id: REGISTRY_ID }];
    config.pools.push({
      name: 'render', vmSize: 'Standard_D4s_v5', image: 'ubuntu-24.04-hpc', dedicatedNodes: 2,
      containerImages: [IMAGE], registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }],
    });
    edit(config);
  });
}

interface AppRun {
  readonly status: number;
  /** What the app printed, each line without the `<file>: ` it starts with. */
  readonly lines: string[];
  /** The synthesized stacks by name, when the synth succeeded. */
  readonly stacks: Record<string, SynthesizedStack>;
  /** The pool ids of each region's stack, from the deployment manifest. */
  readonly poolIds: Record<string, Record<string, string>>;
  /** Every file the run left in the output folder. */
  readonly files: string[];
}

/** Runs the app on `config`, written to a file named after `name`, into a fresh output folder. */
function runOn(name: string, config: unknown): AppRun {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const outdir = join(dir, `${name}.out`);
  const lines: string[] = [];
  const status = runApp({ BATCH_DEPLOYMENT_CONFIG: file }, (line) => lines.push(line.startsWith(`${file}: `) ? line.slice(file.length + 2) : line), outdir);
  const stacks = status !== 0 ? {} : Object.fromEntries(readdirSync(join(outdir, 'stacks')).map((stack) => [
    stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as SynthesizedStack,
  ]));
  const manifest = join(outdir, MANIFEST_FILE);
  const poolIds = existsSync(manifest)
    ? Object.fromEntries((JSON.parse(readFileSync(manifest, 'utf8')).regions as Array<{ stack: string; pools: Record<string, string> }>).map((region) => [region.stack, region.pools]))
    : {};
  return { status, lines, stacks, poolIds, files: filesUnder(outdir) };
}

/** The Terraform reference to `attribute` of the one resource of `type` that `match` picks. */
function refTo(json: SynthesizedStack, type: string, match: (resource: any) => boolean = () => true, attribute = 'id'): string {
  const keys = Object.entries(json.resource?.[type] ?? {}).filter(([, resource]) => match(resource)).map(([key]) => key);
  if (keys.length !== 1) throw new Error(`expected one ${type} to match, found ${keys.length}`);
  return `\${${type}.${keys[0]}.${attribute}}`;
}

/** The private endpoints of the registry sub-resource. */
const registryEndpoints = (json: SynthesizedStack) => resourcesOf(json, 'azurerm_private_endpoint')
  .filter((endpoint: any) => endpoint.private_service_connection.subresource_names.includes('registry'));

/** The synthesized pool whose display name is `name`. */
function poolNamed(json: SynthesizedStack, name: string): Record<string, any> {
  const pools = resourcesOf(json, 'azurerm_batch_pool').filter((pool) => pool.display_name === name);
  if (pools.length !== 1) throw new Error(`expected one pool ${name}, found ${pools.length}`);
  return pools[0];
}

describe('a deployment with a private registry', () => {
  let run: AppRun;
  beforeAll(() => {
    run = runOn('registry', registryConfig());
  });

  test('synthesizes every region and prints nothing: the endpoint serves the render pool\'s image (no BATCH-015)', () => {
    expect(run.status).toBe(0);
    expect(withoutCapacityTable(run.lines)).toEqual([]);
    expect(Object.keys(run.stacks).sort()).toEqual(REGIONS);
  });

  test.each(REGIONS)('%s: one registry endpoint in the endpoint subnet, registered in the privatelink.azurecr.io zone it creates and links to its VNet', (name) => {
    const json = run.stacks[name];
    const zone = (resource: any) => resource.name === 'privatelink.azurecr.io';
    expect(registryEndpoints(json)).toEqual([expect.objectContaining({
      name: 'pe-contosoacr-registry',
      subnet_id: refTo(json, 'azurerm_subnet', (subnet) => subnet.name.endsWith('-endpoints')),
      private_service_connection: expect.objectContaining({ private_connection_resource_id: REGISTRY_ID, subresource_names: ['registry'] }),
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: [refTo(json, 'azurerm_private_dns_zone', zone)] },
    })]);
    const zoneName = refTo(json, 'azurerm_private_dns_zone', zone, 'name');
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').filter((link) => link.private_dns_zone_name === zoneName).map((link) => link.virtual_network_id))
      .toEqual([refTo(json, 'azurerm_virtual_network')]);
  });

  test.each(REGIONS)('%s: the render pool logs in to the registry as the identity, which it gets, with null credentials, and waits for the endpoint', (name) => {
    const json = run.stacks[name];
    const render = poolNamed(json, 'render');
    expect(render.container_configuration).toEqual({
      type: 'DockerCompatible',
      container_image_names: [IMAGE],
      container_registries: [{ registry_server: 'contosoacr.azurecr.io', user_assigned_identity_id: ACR_PULL, user_name: null, password: null }],
    });
    expect(render.identity.identity_ids).toEqual([refTo(json, 'azurerm_user_assigned_identity'), ACR_PULL]);
    const endpoint = Object.entries(json.resource!.azurerm_private_endpoint).find(([, body]: [string, any]) => body.name === 'pe-contosoacr-registry')![0];
    expect(render.depends_on).toContain(`azurerm_private_endpoint.${endpoint}`);
  });

  test.each(REGIONS)('%s: the work pool has no container configuration, and only the node identity', (name) => {
    const work = poolNamed(run.stacks[name], 'work');
    expect(work.container_configuration).toBeUndefined();
    expect(work.identity.identity_ids).toEqual([refTo(run.stacks[name], 'azurerm_user_assigned_identity')]);
  });

  test('the work pool keeps the id it has in a config without any registry setting; the render pool\'s id includes its registries', () => {
    const plain = runOn('no-registry-settings', validConfigWith((config) => { config.subscriptionId = SUBSCRIPTION_ID; }));
    const withoutLogins = runOn('no-logins', registryConfig((config) => { delete config.pools[1].registries; }));
    for (const name of REGIONS) {
      expect(run.poolIds[name].work).toMatch(/^work-[0-9a-f]{6}$/);
      expect(run.poolIds[name].work).toBe(plain.poolIds[name].work);
      expect(run.poolIds[name].render).not.toBe(withoutLogins.poolIds[name].render);
    }
  });

  test('without containerRegistries, BATCH-015 warns in each region that nothing serves the render pool\'s image', () => {
    const unserved = runOn('no-endpoint', registryConfig((config) => { delete config.containerRegistries; }));
    expect(unserved.status).toBe(0);
    expect(withoutCapacityTable(unserved.lines)).toEqual(['eastus', 'westus'].map((location) => expect.stringMatching(new RegExp(
      `^warning: \\[batch-${location}/Region/Pool-render/Resource\\] \\[BATCH-015\\] pulls ${IMAGE.replace(/\./g, '\\.')} at node start, but its subnet snet-contoso-${location}-pool has no way out `,
    ))));
    for (const name of REGIONS) expect(registryEndpoints(unserved.stacks[name])).toEqual([]);
  });

  test('a region\'s privateDnsZones.containerRegistry: that region registers in the hub\'s zone and creates no registry zone; the other creates its own', () => {
    const hub = runOn('hub-zone', registryConfig((config) => { config.regions[0].privateDnsZones = { containerRegistry: ACR_ZONE }; }));
    expect(hub.status).toBe(0);
    const [eastus, westus] = [hub.stacks['batch-eastus'], hub.stacks['batch-westus']];
    expect(registryEndpoints(eastus).map((endpoint: any) => endpoint.private_dns_zone_group.private_dns_zone_ids)).toEqual([[ACR_ZONE]]);
    expect(resourcesOf(eastus, 'azurerm_private_dns_zone').map((zone) => zone.name)).not.toContain('privatelink.azurecr.io');
    expect(resourcesOf(westus, 'azurerm_private_dns_zone').map((zone) => zone.name)).toContain('privatelink.azurecr.io');
  });

  test('two registries: one privatelink.azurecr.io zone in each region, shared by both endpoints', () => {
    const two = runOn('two-registries', registryConfig((config) => { config.containerRegistries.push({ id: REGISTRY_ID.replace(/contosoacr$/, 'fabrikamacr') }); }));
    expect(two.status).toBe(0);
    for (const name of REGIONS) {
      expect(registryEndpoints(two.stacks[name]).map((endpoint) => endpoint.name)).toEqual(['pe-contosoacr-registry', 'pe-fabrikamacr-registry']);
      expect(resourcesOf(two.stacks[name], 'azurerm_private_dns_zone').filter((zone) => zone.name === 'privatelink.azurecr.io')).toHaveLength(1);
    }
  });
});

describe('bad registry configs: one line per problem, under its JSON path, with the value and the fix; nothing written', () => {
  const IDENTITY_FIX = 'is not a user-assigned identity resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>';
  const SERVER_FIX = 'is not a registry login server; give its host name without scheme or path, e.g. "contoso.azurecr.io"';
  const catalogue: Array<[string, (config: any) => void, string[]]> = [
    ['a server with a scheme', (c) => { c.pools[1].registries[0].server = 'https://contosoacr.azurecr.io'; },
      [`$.pools[1].registries[0].server "https://contosoacr.azurecr.io" ${SERVER_FIX}`]],
    ['a server with a path', (c) => { c.pools[1].registries[0].server = 'contosoacr.azurecr.io/render'; },
      [`$.pools[1].registries[0].server "contosoacr.azurecr.io/render" ${SERVER_FIX}`]],
    ['an identity name instead of its id', (c) => { c.pools[1].registries[0].identityId = 'id-acr-pull'; },
      [`$.pools[1].registries[0].identityId "id-acr-pull" ${IDENTITY_FIX}`]],
    ['the registry\'s id as the identity', (c) => { c.pools[1].registries[0].identityId = REGISTRY_ID; },
      [`$.pools[1].registries[0].identityId "${REGISTRY_ID}" ${IDENTITY_FIX}`]],
    ['a registry login given twice', (c) => { c.pools[1].registries.push({ server: 'ContosoAcr.azurecr.io', identityId: ACR_PULL }); },
      ['$.pools[1].registries[1].server "ContosoAcr.azurecr.io" repeats a registry; give each registry once']],
    ['a registry name instead of its id', (c) => { c.containerRegistries[0].id = 'contosoacr'; },
      ['$.containerRegistries[0].id "contosoacr" is not a container registry resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<registry>']],
    ['the blob zone as the registry zone', (c) => { c.regions[1].privateDnsZones = { containerRegistry: BLOB_ZONE }; },
      [`$.regions[1].privateDnsZones.containerRegistry "${BLOB_ZONE}" names the zone "privatelink.blob.core.windows.net", but these endpoints register in "privatelink.azurecr.io" in this region's cloud; give the id of that zone`]],
    ['a password in a registry login', (c) => { c.pools[1].registries[0].password = 'hunter2'; },
      ['$.pools[1].registries[0] "password" is not a known key; remove it or correct its spelling']],
    ['a registry login without its identity', (c) => { delete c.pools[1].registries[0].identityId; },
      ['$.pools[1].registries[0].identityId (missing) is not a string; give the ARM id of a user-assigned identity with AcrPull on the registry']],
    ['containerRegistries as one object', (c) => { c.containerRegistries = { id: REGISTRY_ID }; },
      [`$.containerRegistries {"id":"${REGISTRY_ID}"} is not a list; give a list of registries`]],
    ['a registry id as a bare string', (c) => { c.containerRegistries = [REGISTRY_ID]; },
      [`$.containerRegistries[0] "${REGISTRY_ID}" is not an object; give { "id": ... }`]],
  ];

  test.each(catalogue)('%s', (title, edit, expected) => {
    const run = runOn(title.replace(/\W+/g, '-'), registryConfig(edit));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual(expected);
    expect(run.files).toEqual([]);
  });

  test('a bad login server, identity and registry id at once: every one printed, once for both regions', () => {
    const run = runOn('all-at-once', registryConfig((c) => {
      c.pools[1].registries[0] = { server: 'https://x', identityId: 'x' };
      c.containerRegistries[0].id = 'acr';
    }));
    expect(run.status).toBe(1);
    expect([...run.lines].sort()).toEqual([
      '$.containerRegistries[0].id "acr" is not a container registry resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<registry>',
      `$.pools[1].registries[0].identityId "x" ${IDENTITY_FIX}`,
      `$.pools[1].registries[0].server "https://x" ${SERVER_FIX}`,
    ]);
    expect(run.files).toEqual([]);
  });

  test('a registry listed twice: one line under $.containerRegistries[1].id, nothing written', () => {
    const run = runOn('registry-twice', registryConfig((c) => { c.containerRegistries.push({ id: REGISTRY_ID }); }));
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^\$\.containerRegistries\[1\]\.id "\/subscriptions\/.+\/registries\/contosoacr" /)]);
    expect(run.files).toEqual([]);
  });
});

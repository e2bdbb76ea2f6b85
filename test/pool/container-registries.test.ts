import { RegionalBatchAccount } from '../../lib/account/regional-batch-account';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { PoolImage } from '../../lib/catalog/pool-image';
import { ContainerRegistryEndpoint } from '../../lib/network/container-registry-endpoint';
import { ContainerRegistryLogin, PoolContainerOptions, PoolOptions, registryOf, SimplifiedPool } from '../../lib/pool/simplified-pool';
import { batchFixture, BatchFixture, newStack, problemsOf, resourcesOf, synth, SynthesizedStack } from '../helpers';

/**
 * SimplifiedPool `container.registries`: private registries the nodes pull from with a managed identity,
 * synthesized as `container_configuration.container_registries`, the identities added to the pool's, and
 * the registries part of the pool id only when there are any.
 */

const SUBSCRIPTION = '/subscriptions/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const identityId = (name: string) => `${SUBSCRIPTION}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const ACR_PULL = identityId('id-acr-pull');
const OTHER_PULL = identityId('id-other-pull');
const REGISTRY_ID = `${SUBSCRIPTION}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/contosoacr`;
const ACCOUNT_ID = `${SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchcontoso`;
const IDENTITY_MESSAGE = 'is not a user-assigned identity resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>';
const SERVER_MESSAGE = 'is not a registry login server; give its host name without scheme or path, e.g. "contoso.azurecr.io"';

/** Options of a container pool `web` with `container`. */
const containerPool = (container: PoolContainerOptions, extra: Partial<PoolOptions> = {}): Partial<PoolOptions> => ({ name: 'web', image: PoolImage.UBUNTU_2404_HPC, container, ...extra });

/** The one pool's synthesized body in `fixture`. */
function poolBody(fixture: BatchFixture): Record<string, any> {
  const pools = resourcesOf(fixture.synth(), 'azurerm_batch_pool');
  if (pools.length !== 1) throw new Error(`expected one pool, found ${pools.length}`);
  return pools[0];
}

/** The Terraform reference to `attribute` of the one resource of `type`. */
function refOf(json: SynthesizedStack, type: string, attribute = 'id'): string {
  const ids = Object.keys(json.resource?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return '${' + `${type}.${ids[0]}.${attribute}` + '}';
}

/** The pool id of a pool built with `options` in a fresh default fixture. */
const poolIdOf = (options: Partial<PoolOptions>) => batchFixture().addPool(options).poolId;

/** The problems a pool `web` with `registries` is refused for, as `[path, value, message]`. */
function registryProblems(registries: ContainerRegistryLogin[]): Array<[string, unknown, string]> {
  const fixture = batchFixture();
  return problemsOf(() => fixture.addPool(containerPool({ registries }))).map((problem) => [problem.path, problem.value, problem.message]);
}

describe('container.registries', () => {
  test('container_registries lists each registry with all four keys, in the order given, user_name and password null', () => {
    const fixture = batchFixture();
    fixture.addPool(containerPool({
      imageNames: ['contosoacr.azurecr.io/render:1'],
      registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }, { server: 'registry.example.com:5000', identityId: OTHER_PULL }],
    }));
    expect(poolBody(fixture).container_configuration).toEqual({
      type: 'DockerCompatible',
      container_image_names: ['contosoacr.azurecr.io/render:1'],
      container_registries: [
        { registry_server: 'contosoacr.azurecr.io', user_assigned_identity_id: ACR_PULL, user_name: null, password: null },
        { registry_server: 'registry.example.com:5000', user_assigned_identity_id: OTHER_PULL, user_name: null, password: null },
      ],
    });
  });

  test('registries without images make a container pool that logs in to them', () => {
    const fixture = batchFixture();
    fixture.addPool(containerPool({ registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] }));
    expect(poolBody(fixture).container_configuration).toEqual({
      type: 'DockerCompatible',
      container_registries: [{ registry_server: 'contosoacr.azurecr.io', user_assigned_identity_id: ACR_PULL, user_name: null, password: null }],
    });
  });

  test('without registries (none, or an empty list) there is no container_registries key', () => {
    for (const container of [{ imageNames: ['contosoacr.azurecr.io/render:1'] }, { imageNames: ['contosoacr.azurecr.io/render:1'], registries: [] }]) {
      const fixture = batchFixture();
      fixture.addPool(containerPool(container));
      expect(poolBody(fixture).container_configuration).toEqual({ type: 'DockerCompatible', container_image_names: ['contosoacr.azurecr.io/render:1'] });
    }
  });

  test('the pool\'s identities are the node identity, userAssignedIdentityIds and the registries\' identities, each once', () => {
    const fixture = batchFixture();
    fixture.addPool(containerPool(
      { registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }, { server: 'fabrikamacr.azurecr.io', identityId: OTHER_PULL }, { server: 'woodgroveacr.azurecr.io', identityId: ACR_PULL }] },
      { userAssignedIdentityIds: [ACR_PULL, identityId('id-app')] },
    ));
    const json = fixture.synth();
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].identity).toEqual({
      type: 'UserAssigned',
      identity_ids: [refOf(json, 'azurerm_user_assigned_identity'), ACR_PULL, identityId('id-app'), OTHER_PULL],
    });
  });

  test('a registry\'s identity alone gives the pool an identity block, in an account without a node identity', () => {
    const stack = newStack();
    const fixture = batchFixture(stack);
    const account = RegionalBatchAccount.fromAccountId(stack, 'Existing', ACCOUNT_ID, { region: AzureRegion.of('eastus') });
    new SimplifiedPool(stack, 'Pool', {
      account, network: fixture.network, name: 'web', vmSize: 'Standard_D4s_v5', image: PoolImage.UBUNTU_2404_HPC,
      container: { registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] },
    });
    expect(resourcesOf(synth(stack), 'azurerm_batch_pool')[0].identity).toEqual({ type: 'UserAssigned', identity_ids: [ACR_PULL] });
  });

  test('the pool waits for the registry endpoint of its network', () => {
    const fixture = batchFixture();
    new ContainerRegistryEndpoint(fixture.stack, 'Acr', { network: fixture.network, registryId: REGISTRY_ID, resourceGroupName: 'rg' });
    fixture.addPool(containerPool({ imageNames: ['contosoacr.azurecr.io/render:1'], registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] }));
    const json = fixture.synth();
    expect(resourcesOf(json, 'azurerm_batch_pool')[0].depends_on).toContain(`azurerm_private_endpoint.${Object.keys(json.resource!.azurerm_private_endpoint).find((id) => id.startsWith('Acr_'))}`);
  });

  describe('the pool id', () => {
    /**
     * Pool ids of the default fixture's pools at commit 70c6c8d, the last one before `container.registries`
     * (built there from `git archive 70c6c8d` with the same fixture): deployed pools keep their ids.
     */
    const BEFORE_REGISTRIES = {
      plain: 'work-22bac8',
      containers: 'web-729d3c',
      images: 'web-3c904f',
    };
    const IMAGES = ['contoso.azurecr.io/render:1', 'mcr.microsoft.com/azurelinux/base/core:3.0'];

    test('pools without registries keep the ids they had before registries existed', () => {
      expect(poolIdOf({ name: 'work' })).toBe(BEFORE_REGISTRIES.plain);
      expect(poolIdOf(containerPool({}))).toBe(BEFORE_REGISTRIES.containers);
      expect(poolIdOf(containerPool({ registries: [] }))).toBe(BEFORE_REGISTRIES.containers);
      expect(poolIdOf(containerPool({ imageNames: IMAGES }))).toBe(BEFORE_REGISTRIES.images);
      expect(poolIdOf(containerPool({ imageNames: IMAGES, registries: [] }))).toBe(BEFORE_REGISTRIES.images);
    });

    test('adding a registry, or changing its server or identity, changes the id (the provider replaces the pool for it)', () => {
      const ids = [
        poolIdOf(containerPool({ imageNames: IMAGES })),
        poolIdOf(containerPool({ imageNames: IMAGES, registries: [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }] })),
        poolIdOf(containerPool({ imageNames: IMAGES, registries: [{ server: 'fabrikamacr.azurecr.io', identityId: ACR_PULL }] })),
        poolIdOf(containerPool({ imageNames: IMAGES, registries: [{ server: 'contosoacr.azurecr.io', identityId: OTHER_PULL }] })),
      ];
      expect(new Set(ids).size).toBe(4);
      for (const id of ids) expect(id).toMatch(/^web-[0-9a-f]{6}$/);
    });

    test('the same registries give the same id', () => {
      const registries = [{ server: 'contosoacr.azurecr.io', identityId: ACR_PULL }];
      expect(poolIdOf(containerPool({ imageNames: IMAGES, registries }))).toBe(poolIdOf(containerPool({ imageNames: IMAGES, registries: [...registries] })));
    });
  });

  describe('problems', () => {
    test('a scheme, a path, and identities that are no user-assigned identity ids: each under its registry and field', () => {
      expect(registryProblems([
        { server: 'https://contosoacr.azurecr.io', identityId: 'id-acr-pull' },
        { server: 'contosoacr.azurecr.io/render', identityId: `${SUBSCRIPTION}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/identities/id-acr-pull` },
        { server: 'fabrikamacr.azurecr.io', identityId: REGISTRY_ID },
      ])).toEqual([
        ['container.registries[0].server', 'https://contosoacr.azurecr.io', SERVER_MESSAGE],
        ['container.registries[0].identityId', 'id-acr-pull', IDENTITY_MESSAGE],
        ['container.registries[1].server', 'contosoacr.azurecr.io/render', SERVER_MESSAGE],
        ['container.registries[1].identityId', `${SUBSCRIPTION}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/identities/id-acr-pull`, IDENTITY_MESSAGE],
        ['container.registries[2].identityId', REGISTRY_ID, IDENTITY_MESSAGE],
      ]);
    });

    test.each([
      ['credentials in the server', 'user:secret@contosoacr.azurecr.io'],
      ['a trailing slash', 'contosoacr.azurecr.io/'],
      ['an empty server', ''],
      ['a space', 'contoso acr.azurecr.io'],
    ])('%s is not a login server', (_, server) => {
      expect(registryProblems([{ server, identityId: ACR_PULL }])).toEqual([['container.registries[0].server', server, SERVER_MESSAGE]]);
    });

    test.each(['contosoacr.azurecr.io', 'ContosoAcr.AzureCR.io', 'contosoacr.azurecr.us', 'registry.example.com:5000', 'mcr.microsoft.com'])('%s is a login server, written as given', (server) => {
      const fixture = batchFixture();
      fixture.addPool(containerPool({ registries: [{ server, identityId: ACR_PULL }] }));
      expect(poolBody(fixture).container_configuration.container_registries.map((registry: any) => registry.registry_server)).toEqual([server]);
    });

    test('a registry given twice (servers compare case-insensitively) is reported at the repeat, with the server as written', () => {
      expect(registryProblems([
        { server: 'contosoacr.azurecr.io', identityId: ACR_PULL },
        { server: 'fabrikamacr.azurecr.io', identityId: ACR_PULL },
        { server: 'ContosoAcr.azurecr.io', identityId: OTHER_PULL },
      ])).toEqual([['container.registries[2].server', 'ContosoAcr.azurecr.io', 'repeats a registry; give each registry once']]);
    });

    test('every problem of the pool at once, the registries\' among them', () => {
      const fixture = batchFixture();
      expect(problemsOf(() => fixture.addPool(containerPool({ registries: [{ server: 'https://x', identityId: 'x' }] }, { name: 'bad name' })))
        .map((problem) => [problem.subject, problem.constructPath, problem.path])).toEqual([
        ['SimplifiedPool', 'test/Pool-bad name', 'name'],
        ['SimplifiedPool', 'test/Pool-bad name', 'container.registries[0].server'],
        ['SimplifiedPool', 'test/Pool-bad name', 'container.registries[0].identityId'],
      ]);
    });
  });
});

describe('registryOf', () => {
  // Docker's reading of an image reference (distribution/reference normalize.go, splitDockerDomain): the
  // first of several components is the registry host when it has a "." or ":" or is "localhost"; else the
  // image is Docker Hub's (docker.io).
  test.each([
    ['ubuntu:24.04', 'docker.io'],
    ['ubuntu', 'docker.io'],
    ['library/ubuntu', 'docker.io'],
    ['bitnami/redis:7.2', 'docker.io'],
    ['docker.io/library/ubuntu:24.04', 'docker.io'],
    ['mcr.microsoft.com/x:1', 'mcr.microsoft.com'],
    ['mcr.microsoft.com/azurelinux/base/core:3.0', 'mcr.microsoft.com'],
    ['localhost:5000/x', 'localhost:5000'],
    ['localhost/x', 'localhost'],
    ['Contoso.azurecr.io/x', 'contoso.azurecr.io'],
    ['contosoacr.azurecr.io/render@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'contosoacr.azurecr.io'],
  ])('%s pulls from %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });
});

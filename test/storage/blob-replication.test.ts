import { Fn, Token } from 'cdktf';
import { AzureRegion } from '../../lib/catalog/azure-region';
import { BlobReplicationStack } from '../../lib/region/blob-replication-stack';
import { BatchRegion } from '../../lib/region/batch-region';
import { BlobReplication } from '../../lib/storage/blob-replication';
import { newApp, newStack, problemsOf, resourcesOf, synth } from '../helpers';

const SUBSCRIPTION = '3f2b9c1e-5a4d-4e8f-9b7a-1c2d3e4f5a6b';
const accountId = (group: string, name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/${name}`;
const SOURCE = accountId('rg-a', 'stsource');
const DESTINATION = accountId('rg-b', 'stdestination');

describe('BlobReplication', () => {
  test('one rule per container, each to the container of the same name, new objects only unless asked', () => {
    const stack = newStack();
    new BlobReplication(stack, 'Replication', { sourceStorageAccountId: SOURCE, destinationStorageAccountId: DESTINATION, containers: ['reference', 'binaries'] });
    new BlobReplication(stack, 'Everything', { sourceStorageAccountId: DESTINATION, destinationStorageAccountId: SOURCE, containers: ['reference'], copyExistingBlobs: true });
    expect(resourcesOf(synth(stack), 'azurerm_storage_object_replication')).toEqual([
      {
        source_storage_account_id: DESTINATION, destination_storage_account_id: SOURCE,
        rules: [{ source_container_name: 'reference', destination_container_name: 'reference', copy_blobs_created_after: 'Everything' }],
      },
      {
        source_storage_account_id: SOURCE, destination_storage_account_id: DESTINATION,
        rules: [
          { source_container_name: 'reference', destination_container_name: 'reference', copy_blobs_created_after: 'OnlyNewObjects' },
          { source_container_name: 'binaries', destination_container_name: 'binaries', copy_blobs_created_after: 'OnlyNewObjects' },
        ],
      },
    ]);
  });

  test('a container known only at deploy time goes into its rule as it is; a list so known is refused, as each container is a rule', () => {
    const stack = newStack();
    new BlobReplication(stack, 'Replication', { sourceStorageAccountId: SOURCE, destinationStorageAccountId: DESTINATION, containers: [Token.asString(Fn.lower('Reference'))] });
    expect(resourcesOf(synth(stack), 'azurerm_storage_object_replication')[0]).toMatchObject({
      rules: [{ source_container_name: '${lower("Reference")}', destination_container_name: '${lower("Reference")}' }],
    });
    expect(problemsOf(() => new BlobReplication(stack, 'List', { sourceStorageAccountId: SOURCE, destinationStorageAccountId: DESTINATION, containers: Token.asList(Fn.concat([['reference']])) }))
      .map(({ path, message }) => [path, message])).toEqual([
      ['containers', 'is known only at deploy time, but one replication rule is written per container at synth; give a list of names'],
    ]);
  });

  test('refuses ids that are not literal storage account ids, one account twice, and bad or repeated containers, all at once', () => {
    const stack = newStack();
    const region = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16' });
    expect(problemsOf(() => new BlobReplication(stack, 'Bad', {
      sourceStorageAccountId: region.storage.storageAccountId, destinationStorageAccountId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v',
      containers: ['Reference', 'ok-name', 'ok-name'],
    })).map(({ path, value, message }) => [path, value, message])).toEqual([
      ['sourceStorageAccountId', region.storage.storageAccountId, 'is known only at deploy time; give the account\'s ARM id as a literal, so the replication stack references no other stack'],
      ['destinationStorageAccountId', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v', 'is not a storage account resource id; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>'],
      ['containers[0]', 'Reference', 'is not a container name; use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "reference"'],
      ['containers[2]', 'ok-name', 'repeats a container; give each once'],
    ]);
    expect(problemsOf(() => new BlobReplication(stack, 'Same', { sourceStorageAccountId: SOURCE, destinationStorageAccountId: SOURCE.replace(/[^/]+$/, (name) => name.toUpperCase()), containers: [] }))
      .map(({ path }) => path)).toEqual(['destinationStorageAccountId', 'containers']);
  });
});

describe('BatchRegion reference containers and its storage account id', () => {
  test('reference containers turn on versioning and the change feed, and are created private through ARM; the literal id names the account', () => {
    const stack = newStack();
    const region = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16', subscriptionId: SUBSCRIPTION, referenceContainers: ['reference'] });
    const json = synth(stack);
    const account = resourcesOf(json, 'azurerm_storage_account')[0] as { name: string; blob_properties: Record<string, unknown> };
    expect(account.blob_properties).toMatchObject({ versioning_enabled: true, change_feed_enabled: true });
    expect(resourcesOf(json, 'azurerm_storage_container')).toEqual([{ name: 'reference', storage_account_id: expect.stringMatching(/^\$\{azurerm_storage_account\.Region_Storage_[A-F0-9]+\.id\}$/), container_access_type: 'private' }]);
    expect(region.storageAccountArmId).toBe(accountId('rg-contoso-eastus', account.name));
  });

  test('without reference containers nothing changes, and without a subscription there is no literal id', () => {
    const stack = newStack();
    const region = new BatchRegion(stack, 'Region', { deploymentName: 'contoso', region: AzureRegion.of('eastus'), addressSpace: '10.10.0.0/16' });
    const account = resourcesOf(synth(stack), 'azurerm_storage_account')[0] as { blob_properties: Record<string, unknown> };
    expect(account.blob_properties.versioning_enabled).toBeUndefined();
    expect(account.blob_properties.change_feed_enabled).toBeUndefined();
    expect(region.storageAccountArmId).toBeUndefined();
  });
});

describe('BlobReplicationStack', () => {
  test('holds the replication with its own provider in the source\'s cloud, and is named for the pair', () => {
    const stack = new BlobReplicationStack(newApp(), BlobReplicationStack.stackName({ name: 'usgovvirginia' }, { name: 'usgovtexas' }), {
      sourceRegion: AzureRegion.of('usgovvirginia'), destinationRegion: AzureRegion.of('usgovtexas'), subscriptionId: SUBSCRIPTION,
      sourceStorageAccountId: SOURCE, destinationStorageAccountId: DESTINATION, containers: ['reference'],
    });
    expect(stack.node.id).toBe('batch-replication-usgovvirginia-usgovtexas');
    const json = synth(stack);
    expect((json.provider as Record<string, unknown> | undefined)?.azurerm).toEqual([expect.objectContaining({ environment: 'usgovernment', subscription_id: SUBSCRIPTION, storage_use_azuread: true })]);
    expect(Object.keys(json.resource ?? {})).toEqual(['azurerm_storage_object_replication']);
  });

  test('refuses a destination in another cloud', () => {
    expect(problemsOf(() => new BlobReplicationStack(newApp(), 'batch-replication-eastus-usgovtexas', {
      sourceRegion: AzureRegion.of('eastus'), destinationRegion: AzureRegion.of('usgovtexas'),
      sourceStorageAccountId: SOURCE, destinationStorageAccountId: DESTINATION, containers: ['reference'],
    })).map(({ path, value, message }) => [path, value, message])).toEqual([['destinationRegion', 'usgovtexas', 'is in AzureUSGovernment, the source in AzureCloud; object replication stays in one cloud']]);
  });
});


import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** SEC-014: blobs and containers are soft-deleted. */
export const storageSoftDelete: BestPracticeRule = {
  id: 'SEC-014',
  severity: Severity.WARNING,
  title: 'Storage keeps deleted blobs and containers for a while',
  explanation: 'Soft delete turns an accidental or malicious delete of application packages or results into a restore.',
  source: 'PSRule Azure.Storage.SoftDelete and Azure.Storage.ContainerSoftDelete; Checkov CKV2_AZURE_38',
  fix: 'Set blob_properties.delete_retention_policy and container_delete_retention_policy (days 1-365).',
  check: (stack) => stack.ofType('azurerm_storage_account').flatMap((storage) => {
    const properties = block(storage.attributes.blob_properties);
    return [
      ...(block(properties?.delete_retention_policy) ? [] : ['has no blob soft delete']),
      ...(block(properties?.container_delete_retention_policy) ? [] : ['has no container soft delete']),
    ].map((message) => ({ resource: storage, message }));
  }),
};

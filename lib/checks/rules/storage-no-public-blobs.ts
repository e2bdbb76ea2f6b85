import { BestPracticeRule, Severity } from '../rule';

/** SEC-012: no anonymous blob access. */
export const storageNoPublicBlobs: BestPracticeRule = {
  id: 'SEC-012',
  severity: Severity.ERROR,
  title: 'Storage allows no anonymous blob access',
  explanation: 'A container set to public access serves application packages and task data to anyone with the URL.',
  source: 'Checkov CKV_AZURE_190; PSRule Azure.Storage.BlobPublicAccess',
  fix: 'Set allow_nested_items_to_be_public = false.',
  check: (stack) => stack.ofType('azurerm_storage_account')
    .filter((storage) => storage.attributes.allow_nested_items_to_be_public !== false)
    .map((storage) => ({ resource: storage, message: 'allow_nested_items_to_be_public is not false' })),
};

import { BestPracticeRule, Severity } from '../rule';

/** SEC-013: storage refuses shared keys. */
export const storageNoSharedKeys: BestPracticeRule = {
  id: 'SEC-013',
  severity: Severity.WARNING,
  title: 'Storage refuses shared-key authorization',
  explanation: 'Account keys grant full access and never expire; with Entra ID only, every access is tied to an identity and its role.',
  source: 'Checkov CKV2_AZURE_40; Microsoft cloud security benchmark IM-1 (storage: disable shared-key authorization)',
  fix: 'Set shared_access_key_enabled = false (and authenticate Batch with BatchAccountManagedIdentity).',
  check: (stack) => stack.ofType('azurerm_storage_account')
    .filter((storage) => storage.attributes.shared_access_key_enabled !== false)
    .map((storage) => ({ resource: storage, message: 'shared_access_key_enabled is not false' })),
};

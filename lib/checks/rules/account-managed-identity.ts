import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** SEC-003: Batch accounts have a managed identity and use it for auto-storage. */
export const accountManagedIdentity: BestPracticeRule = {
  id: 'SEC-003',
  severity: Severity.WARNING,
  title: 'Batch accounts use a managed identity, also for auto-storage',
  explanation: 'With an identity, Batch reaches auto-storage and Key Vault without keys; StorageKeys mode needs shared keys enabled on the storage account.',
  source: 'Microsoft cloud security benchmark, Azure Batch security baseline IM-3 (managed identities); seeds: Batch account managed identity for auto-storage',
  fix: 'Set identity { type = "SystemAssigned" } and storage_account_authentication_mode = "BatchAccountManagedIdentity".',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    const problems = [
      ...(block(account.attributes.identity)?.type ? [] : ['has no managed identity']),
      ...(account.attributes.storage_account_id && account.attributes.storage_account_authentication_mode !== 'BatchAccountManagedIdentity'
        ? ['authenticates to auto-storage with storage keys'] : []),
    ];
    return problems.map((message) => ({ resource: account, message }));
  }),
};

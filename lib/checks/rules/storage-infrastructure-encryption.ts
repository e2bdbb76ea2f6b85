import { BestPracticeRule, Severity } from '../rule';

/** SEC-015: storage encrypts twice. */
export const storageInfrastructureEncryption: BestPracticeRule = {
  id: 'SEC-015',
  severity: Severity.WARNING,
  title: 'Storage uses infrastructure (double) encryption',
  explanation: 'A second layer of encryption at the infrastructure level protects data if one algorithm or key is compromised; it can only be set at creation.',
  source: 'Azure Policy "Storage accounts should have infrastructure encryption"; Microsoft cloud security benchmark DP-4',
  fix: 'Set infrastructure_encryption_enabled = true (forces a new account).',
  check: (stack) => stack.ofType('azurerm_storage_account')
    .filter((storage) => storage.attributes.infrastructure_encryption_enabled !== true)
    .map((storage) => ({ resource: storage, message: 'infrastructure_encryption_enabled is not true' })),
};

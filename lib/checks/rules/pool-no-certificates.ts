import { BestPracticeRule, Severity } from '../rule';
import { list } from '../stack-view';

/** SEC-009: pools use no Batch certificates. */
export const poolNoCertificates: BestPracticeRule = {
  id: 'SEC-009',
  severity: Severity.WARNING,
  title: 'Pools do not use Batch certificates',
  explanation: 'The Batch certificates feature is retired; use the Key Vault VM extension or a managed identity to get secrets onto nodes.',
  source: 'Azure Batch certificates feature retirement (2024-02-29) and its migration guide to the Key Vault VM extension',
  fix: 'Remove certificate blocks; fetch certificates from Key Vault with a pool identity.',
  check: (stack) => stack.ofType('azurerm_batch_pool')
    .filter((pool) => list(pool.attributes.certificate).length > 0)
    .map((pool) => ({ resource: pool, message: `references ${list(pool.attributes.certificate).length} Batch certificate(s)` })),
};

import { BestPracticeRule, Severity } from '../rule';
import { block, list } from '../stack-view';

/** SEC-010: pool disks are encrypted. */
export const poolDiskEncryption: BestPracticeRule = {
  id: 'SEC-010',
  severity: Severity.WARNING,
  title: 'Pools encrypt their disks',
  explanation: 'Task data lands on the temporary (and OS) disk; disk encryption or encryption at host keeps it encrypted end to end.',
  source: 'Microsoft cloud security benchmark, Azure Batch security baseline DP-4 (encryption at rest); Azure Policy "Batch pools should have disk encryption enabled"',
  fix: 'Add disk_encryption for TemporaryDisk (Linux) or OsDisk and TemporaryDisk (Windows), or enable security_profile.host_encryption_enabled.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    if (list(pool.attributes.disk_encryption).length > 0 || block(pool.attributes.security_profile)?.host_encryption_enabled === true) return [];
    return [{ resource: pool, message: 'has neither disk_encryption nor encryption at host' }];
  }),
};

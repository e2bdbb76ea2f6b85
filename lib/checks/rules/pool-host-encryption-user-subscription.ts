import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-021: encryption at host in a user-subscription account is a known risk, checked by hand. */
export const poolHostEncryptionUserSubscription: BestPracticeRule = {
  id: 'BATCH-021',
  severity: Severity.WARNING,
  title: 'Pools of user-subscription accounts ask for encryption at host only where the subscription allows it',
  explanation: 'A pool of a UserSubscription account creates its VMs in your subscription, and a VM can use encryption at host only once the subscription has the EncryptionAtHost feature of Microsoft.Compute registered. Batch\'s own page on disk encryption says moreover that encryption at host "is not currently supported on User Subscription Pools". SimplifiedPool turns encryption at host on by default for disk encryption on sizes without Azure Disk Encryption (v6 and later), so such a pool may fail to get nodes.',
  source: 'learn.microsoft.com/azure/batch/disk-encryption (ms.date 2026-07-29), Important and Note; learn.microsoft.com/azure/virtual-machines/linux/disks-enable-host-based-encryption-cli, "Prerequisites" ("You must enable the feature for your subscription before you use the EncryptionAtHost property")',
  fix: 'Register the feature (az feature register --namespace Microsoft.Compute --name EncryptionAtHost, then az provider register -n Microsoft.Compute), create a test pool, and suppress BATCH-021 with what it showed; or use a size with Azure Disk Encryption (v5 or earlier) and encryptionAtHost: false.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    if (block(pool.attributes.security_profile)?.host_encryption_enabled !== true) return [];
    if (stack.accountOf(pool)?.attributes.pool_allocation_mode !== 'UserSubscription') return [];
    return [{ resource: pool, message: 'asks for encryption at host in a UserSubscription account, whose subscription must have the EncryptionAtHost feature registered, and Batch documents encryption at host as not supported on user-subscription pools' }];
  }),
};

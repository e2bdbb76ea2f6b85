import { BestPracticeRule, Severity } from '../rule';

/** BATCH-010: auto-storage is in the Batch account's region. */
export const storageSameRegion: BestPracticeRule = {
  id: 'BATCH-010',
  severity: Severity.ERROR,
  title: 'Auto-storage is in the Batch account\'s region',
  explanation: 'The storage account and Batch account need to be in the same region for acceptable performance; a region outage must not take the other region\'s data path with it.',
  source: 'seeds/high-availability-disaster-recovery.md, "Design considerations for providing failover"',
  fix: 'Create the auto-storage account in the account\'s region (PairedStorageAccount does).',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    const storage = stack.target(account.attributes.storage_account_id, 'azurerm_storage_account');
    const [a, b] = [stack.locationOf(account.attributes.location), stack.locationOf(storage?.attributes.location)];
    if (typeof a !== 'string' || typeof b !== 'string' || a.toLowerCase().replace(/\s/g, '') === b.toLowerCase().replace(/\s/g, '')) return [];
    return [{ resource: account, message: `is in ${a} but its auto-storage ${storage!.attributes.name} is in ${b}` }];
  }),
};

import { BestPracticeRule, Severity } from '../rule';
import { endOfLifeFindings } from '../end-of-life';
import { block, isExpression, list } from '../stack-view';

/**
 * The day Azure Disk Encryption retires: "Azure Disk Encryption is scheduled for retirement on September
 * 15, 2028 ... encrypted disks will fail to unlock after VM reboots" (learn.microsoft.com "Azure Disk
 * Encryption for Linux VMs", retirement notice, ms.date 2025-12-03).
 */
const ADE_RETIREMENT = new Date('2028-09-15T00:00:00Z');

/** BATCH-016: temporary-disk encryption does not rest on Azure Disk Encryption past its retirement. */
export const poolDiskEncryptionNotAde: BestPracticeRule = {
  id: 'BATCH-016',
  severity: Severity.ERROR,
  title: 'Pool disk encryption does not depend on Azure Disk Encryption after it retires',
  explanation: 'Batch encrypts the temporary disk with encryption at host unless the pool turns it off, and falls back to Azure Disk Encryption otherwise. The azurerm provider sends encryptionAtHost = false whenever a pool has a security profile (trusted launch), which puts such pools on ADE; ADE retires on 2028-09-15, after which encrypted disks fail to unlock on reboot. A warning starts within the end-of-life horizon.',
  source: 'learn.microsoft.com "Create a pool with disk encryption enabled" (encryption at host vs ADE); "Azure Disk Encryption for Linux VMs" (retirement notice); azurerm internal/services/batch/batch_pool.go L822-849 at v4.55.0',
  fix: 'Set encryptionAtHost: true on the pool (a VM size that supports encryption at host; EncryptionAtHostSupported in az vm list-skus).',
  check: (stack, context) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const targets = list(pool.attributes.disk_encryption).map((target) => target.disk_encryption_target);
    const security = block(pool.attributes.security_profile);
    // An expression (a variable, say) may well turn encryption at host on: the stack does not show it.
    if (!targets.includes('TemporaryDisk') || security === undefined || security.host_encryption_enabled === true || isExpression(security.host_encryption_enabled)) return [];
    const why = 'encrypts its temporary disk with Azure Disk Encryption (its security profile turns encryption at host off)';
    return endOfLifeFindings(pool, ADE_RETIREMENT, context, (date) => `${why}, which retired on ${date}`, (date, when) => `${why}, which retires on ${date}, ${when}`);
  }),
};

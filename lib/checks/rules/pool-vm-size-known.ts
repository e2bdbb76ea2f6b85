import { VmSize } from '../../catalog/vm-size';
import { BestPracticeRule, Severity } from '../rule';
import { block, isExpression, list } from '../stack-view';

/** BATCH-013: the VM size is one whose capabilities the library knows, so its checks ran. */
export const poolVmSizeKnown: BestPracticeRule = {
  id: 'BATCH-013',
  severity: Severity.WARNING,
  title: 'The pool\'s VM size is one the library can check',
  explanation: 'Premium storage, the data-disk controller (SCSI or NVMe), Azure Disk Encryption and trusted launch are read from the size name by Azure\'s naming conventions for the general purpose, memory, compute and storage optimized families; encryption at host no name tells. For other sizes (GPU, HPC, confidential) or facts the name does not tell, those checks did not run (trusted launch did, for the GPU and HPC series the trusted launch page names), and a pool can fail at deploy time instead of at synth.',
  source: 'Azure virtual machine sizes naming conventions; lib/catalog/vm-size.ts for the facts and their sources',
  fix: 'Check the named capabilities for the size in the Resource SKUs API (az vm list-skus) and its size page, then suppress with what you checked.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const name = pool.attributes.vm_size;
    if (typeof name !== 'string' || isExpression(name)) return [];
    const size = VmSize.of(name);
    const capabilities = size.capabilities;
    if (!capabilities) {
      // Trusted launch is known for some GPU and HPC series all the same (VmSize.trustedLaunch).
      const facts = ['premium storage', 'the data-disk controller', 'Azure Disk Encryption', ...(size.trustedLaunch === undefined ? ['trusted launch'] : [])];
      return [{ resource: pool, message: `${name} is not a size the library classifies, so ${facts.join(', ')} and encryption at host were not checked` }];
    }
    const security = block(pool.attributes.security_profile);
    const unchecked = [
      capabilities.premiumStorage === undefined && list(pool.attributes.data_disks).some((disk) => disk.storage_account_type === 'Premium_LRS') ? 'premium storage' : undefined,
      capabilities.azureDiskEncryption === undefined && list(pool.attributes.disk_encryption).length > 0 && security?.host_encryption_enabled !== true ? 'Azure Disk Encryption' : undefined,
      capabilities.trustedLaunch === undefined && security?.security_type === 'trustedLaunch' ? 'trusted launch' : undefined,
      // No size name tells encryption at host support (see VmSize).
      security?.host_encryption_enabled === true ? 'encryption at host' : undefined,
    ].filter((fact): fact is string => fact !== undefined);
    return unchecked.length === 0 ? [] : [{ resource: pool, message: `${name}: ${unchecked.join(', ')} not known from the size name, so not checked` }];
  }),
};

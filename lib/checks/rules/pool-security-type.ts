import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-019: a pool's security profile names its security type. */
export const poolSecurityType: BestPracticeRule = {
  id: 'BATCH-019',
  severity: Severity.WARNING,
  title: 'A pool\'s security profile names a security type',
  explanation: 'The azurerm provider sends every field of security_profile, so a profile without security_type (encryption at host alone) reaches Batch as securityType "" with UEFI settings off. The API takes only trustedLaunch and confidentialVM there, and a security type is what enables UEFI settings; Compute refuses UEFI settings without one ("Use of UEFI settings is not supported when security type is not set"). What Batch does with the empty type is not documented, and the provider\'s tests never send it, so such a pool may fail to create.',
  source: 'azurerm internal/services/batch/batch_pool.go L822-849 (expandBatchPoolSecurityProfile) and batch_pool_resource_test.go L2744-2749 at v4.55.0, unchanged at v4.79.0; learn.microsoft.com/javascript/api/@azure/arm-batch/securityprofile, securityType ("It has to be set to any specified value to enable UefiSettings"); Azure/azure-cli#28396 (the Compute error)',
  fix: 'Use an image and VM size with trusted launch (security_type trustedLaunch), or leave the security profile out (on a size without Azure Disk Encryption that leaves the temporary disk unencrypted: diskEncryption: false); to keep encryption at host alone, create a test pool first and suppress BATCH-019 with what it showed.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const security = block(pool.attributes.security_profile);
    // A type given, or a Terraform expression for one, is not judged.
    if (security === undefined || (typeof security.security_type === 'string' && security.security_type !== '')) return [];
    return [{ resource: pool, message: 'has a security profile without a security type (encryption at host alone), which the provider sends as securityType "" with UEFI settings off' }];
  }),
};

import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-014: application packages are not used with an auto-storage account behind a firewall. */
export const applicationPackagesReachStorage: BestPracticeRule = {
  id: 'BATCH-014',
  severity: Severity.WARNING,
  title: 'Application packages have an auto-storage account Batch can reach',
  explanation: 'Batch stores application packages in the account\'s auto-storage and cannot use them when that account has firewall rules or no public endpoint; pools that reference packages then fail to install them.',
  source: 'learn.microsoft.com "Deploy applications to compute nodes with Batch application packages", section "Link a storage account" (Important: no firewall rules, no hierarchical namespace)',
  fix: 'Use StorageNetworkAccess.PUBLIC (config "storage": { "networkAccess": "public" }) and suppress SEC-016 with this reason, or deliver the software another way (resource files, a container image, a custom image).',
  check: (stack) => stack.ofType('azurerm_batch_application').flatMap((application) => {
    const account = stack.target(application.attributes.account_name, 'azurerm_batch_account');
    const storage = account && stack.target(account.attributes.storage_account_id, 'azurerm_storage_account');
    if (!storage) return [];
    const closed = storage.attributes.public_network_access_enabled === false ? 'has no public endpoint'
      : block(storage.attributes.network_rules)?.default_action === 'Deny' ? 'has firewall rules (deny by default)' : undefined;
    return closed ? [{ resource: application, message: `its account's auto-storage ${storage.attributes.name} ${closed}, so Batch cannot use its packages` }] : [];
  }),
};

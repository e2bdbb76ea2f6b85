import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** SEC-016: the storage firewall denies by default. */
export const storageDenyByDefault: BestPracticeRule = {
  id: 'SEC-016',
  severity: Severity.WARNING,
  title: 'Storage network rules deny by default',
  explanation: 'With public network access on and default_action Allow, any network can reach the account. Batch application packages do not work behind a firewall; suppress with that reason if you need them.',
  source: 'Checkov CKV_AZURE_35; PSRule Azure.Storage.Firewall',
  fix: 'Set network_rules.default_action = "Deny" (bypass AzureServices), or public_network_access_enabled = false with a private endpoint.',
  check: (stack) => stack.ofType('azurerm_storage_account').flatMap((storage) => {
    if (storage.attributes.public_network_access_enabled === false) return [];
    if (block(storage.attributes.network_rules)?.default_action === 'Deny') return [];
    return [{ resource: storage, message: 'its public endpoint accepts every network' }];
  }),
};

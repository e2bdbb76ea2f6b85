import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** SEC-001: Batch accounts are not open to every network. */
export const accountNoPublicAccess: BestPracticeRule = {
  id: 'SEC-001',
  severity: Severity.WARNING,
  title: 'Batch accounts disable public network access or restrict it to IP ranges',
  explanation: 'An account endpoint open to the Internet is reachable by anyone holding a credential; private endpoints or a deny-by-default network profile shrink that surface.',
  source: 'Microsoft cloud security benchmark, Azure Batch security baseline NS-2 (network controls); the Batch public-access checks of Checkov, Trivy and PSRule',
  fix: 'Set public_network_access_enabled = false with private endpoints, or network_profile.account_access.default_action = "Deny" with IP rules.',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    if (account.attributes.public_network_access_enabled === false) return [];
    if (block(block(account.attributes.network_profile)?.account_access)?.default_action === 'Deny') return [];
    return [{ resource: account, message: 'public network access is enabled for every network' }];
  }),
};

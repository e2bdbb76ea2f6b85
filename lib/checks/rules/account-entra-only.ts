import { BestPracticeRule, Severity } from '../rule';
import { list } from '../stack-view';

/** SEC-002: Batch accounts accept Entra ID, not shared keys. */
export const accountEntraOnly: BestPracticeRule = {
  id: 'SEC-002',
  severity: Severity.WARNING,
  title: 'Batch accounts do not allow shared-key authentication',
  explanation: 'Account keys are long-lived secrets that are easy to leak and make calls unattributable; Entra ID tokens are short-lived and tied to an identity.',
  source: `Microsoft cloud security benchmark, Azure Batch security baseline IM-1 (centralized identity); PSRule's Batch local-authentication check`,
  fix: 'Set allowed_authentication_modes = ["AAD"] (add TaskAuthenticationToken if tasks need it).',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    const modes = list<string>(account.attributes.allowed_authentication_modes);
    if (modes.length > 0 && !modes.includes('SharedKey')) return [];
    return [{ resource: account, message: modes.length === 0 ? 'allowed_authentication_modes is unset, so shared keys are allowed' : 'allowed_authentication_modes includes SharedKey' }];
  }),
};

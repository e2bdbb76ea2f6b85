import { BestPracticeRule, Severity } from '../rule';
import { list } from '../stack-view';

/** SEC-008: pools define no user accounts. */
export const poolNoUserAccounts: BestPracticeRule = {
  id: 'SEC-008',
  severity: Severity.WARNING,
  title: 'Pools define no user accounts',
  explanation: 'Pool user accounts carry passwords or SSH keys in the configuration and state; tasks should run as auto-users.',
  source: 'Microsoft cloud security benchmark, Azure Batch security baseline PA-1 / IM-8 (no credentials in configuration)',
  fix: 'Remove user_accounts; run tasks with an auto-user identity.',
  check: (stack) => stack.ofType('azurerm_batch_pool')
    .filter((pool) => list(pool.attributes.user_accounts).length > 0)
    .map((pool) => ({ resource: pool, message: `defines ${list(pool.attributes.user_accounts).length} user account(s)` })),
};

import { BestPracticeRule, Severity } from '../rule';
import { privateConnections } from '../stack-view';

const SUBRESOURCES = ['batchAccount', 'nodeManagement'];

/** SEC-004: private Batch accounts have an endpoint for each sub-resource. */
export const accountPrivateEndpoints: BestPracticeRule = {
  id: 'SEC-004',
  severity: Severity.WARNING,
  title: 'Private Batch accounts have private endpoints for batchAccount and nodeManagement',
  explanation: 'With public access off, clients need the batchAccount endpoint and no-public-IP pools need the nodeManagement endpoint; each sub-resource needs its own endpoint.',
  source: 'azure/batch-facts.md (c) "Pools without public IP addresses"; Batch private connectivity',
  fix: 'Add one private endpoint per sub-resource (RegionalBatchAccount does by default).',
  check: (stack) => stack.ofType('azurerm_batch_account').flatMap((account) => {
    if (account.attributes.public_network_access_enabled !== false) return [];
    const served = privateConnections(stack)
      .filter(({ resourceId }) => stack.target(resourceId, 'azurerm_batch_account') === account)
      .flatMap(({ subresources }) => subresources);
    const missing = SUBRESOURCES.filter((subresource) => !served.includes(subresource));
    return missing.length > 0 ? [{ resource: account, message: `has public access disabled but no private endpoint for ${missing.join(' and ')}` }] : [];
  }),
};

import { AzureRegion } from '../../catalog/azure-region';
import { BestPracticeRule, Severity } from '../rule';

/** BATCH-002: pools are in regions that support simplified mode. */
export const poolRegionSimplified: BestPracticeRule = {
  id: 'BATCH-002',
  severity: Severity.ERROR,
  title: 'Pools are in a region that supports simplified node communication',
  explanation: 'Simplified mode is unavailable in West India, China North 1 and East 1 and the US DoD regions; with classic retired, Batch pools there cannot be kept working.',
  source: 'seeds/simplified-compute-node-communication.md, "Supported regions"',
  fix: 'Deploy the account and its pools in a supported region, e.g. the region\'s pair.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const location = stack.locationOf(stack.accountOf(pool)?.attributes.location);
    if (typeof location !== 'string' || !AzureRegion.isKnown(location) || AzureRegion.of(location).supportsSimplifiedNodeCommunication) return [];
    return [{ resource: pool, message: `its Batch account is in ${location}, which has no simplified node communication` }];
  }),
};

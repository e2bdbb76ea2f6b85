import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-006: pools in the primary region have at least two dedicated nodes. */
export const poolSingleNodePrimary: BestPracticeRule = {
  id: 'BATCH-006',
  severity: Severity.WARNING,
  title: 'Fixed-size pools in the primary region have two or more dedicated nodes',
  explanation: 'A single node gives no guaranteed progress: when it fails, reboots or is serviced, the pool runs nothing.',
  source: 'DESIGN.md best practices; seeds/batch-best-practices.md, "Unplanned downtime"',
  fix: 'Give the pool 2 or more dedicated nodes, or autoscale it; standby regions are exempt (tag role = standby).',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const fixed = block(pool.attributes.fixed_scale);
    const account = stack.accountOf(pool);
    if (!fixed || account?.attributes.tags?.role === 'standby') return [];
    const dedicated = fixed.target_dedicated_nodes ?? 1;
    return dedicated < 2 ? [{ resource: pool, message: `has ${dedicated} dedicated node(s) outside a standby region` }] : [];
  }),
};

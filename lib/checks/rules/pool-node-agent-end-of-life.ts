import { PoolImage } from '../../catalog/pool-image';
import { daysUntil } from '../../private/today';
import { BestPracticeRule, Severity } from '../rule';

/** BATCH-004: node agents are within their support period. */
export const poolNodeAgentEndOfLife: BestPracticeRule = {
  id: 'BATCH-004',
  severity: Severity.ERROR,
  title: 'Pool images and node agents are supported by Batch',
  explanation: 'After a node agent\'s end-of-life date Batch stops creating and resizing pools with it; plan the move before, within the warning horizon.',
  source: 'seeds/batch-best-practices.md, "Batch Node Agent updates"; azure/node-agent-eol.json (Batch retirement notices)',
  fix: 'Move the pool to a supported image, e.g. PoolImage.UBUNTU_2404.',
  check: (stack, context) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const agent = pool.attributes.node_agent_sku_id;
    const sku = PoolImage.nodeAgentSku(agent);
    if (!sku?.endOfLife) return [];
    const days = daysUntil(sku.endOfLife, context.today);
    const date = sku.endOfLife.toISOString().slice(0, 10);
    if (days < 0) return [{ resource: pool, message: `node agent "${agent}" lost Batch support on ${date}` }];
    if (days <= context.endOfLifeWarningDays) {
      return [{ resource: pool, severity: Severity.WARNING, message: `node agent "${agent}" loses Batch support on ${date}, in ${days} days` }];
    }
    return [];
  }),
};

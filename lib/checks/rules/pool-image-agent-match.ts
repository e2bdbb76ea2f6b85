import { PoolImage } from '../../catalog/pool-image';
import { BestPracticeRule, Severity } from '../rule';
import { block, isExpression } from '../stack-view';

/** BATCH-005: a marketplace image runs with its own node agent SKU. */
export const poolImageAgentMatch: BestPracticeRule = {
  id: 'BATCH-005',
  severity: Severity.ERROR,
  title: 'Pool image and node agent SKU match',
  explanation: 'Batch pairs each supported image with one node agent SKU; a mismatched pair fails pool creation or leaves nodes unusable.',
  source: 'seeds/batch-best-practices.md, "Batch Node Agent updates"; Batch supported images (azure/node-agent-eol.json)',
  fix: 'Use the node agent SKU Batch lists for the image (PoolImage does this for you).',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const image = block(pool.attributes.storage_image_reference);
    if (!image?.publisher || !image.offer || !image.sku) return [];
    const expected = PoolImage.expectedNodeAgent(image.publisher, image.offer, image.sku);
    if (expected === undefined || expected === pool.attributes.node_agent_sku_id || isExpression(pool.attributes.node_agent_sku_id)) return [];
    return [{ resource: pool, message: `image ${image.publisher}:${image.offer}:${image.sku} needs node agent "${expected}", not "${pool.attributes.node_agent_sku_id}"` }];
  }),
};

import { imageEndOfLife, PoolImage } from '../../catalog/pool-image';
import { endOfLifeFindings } from '../end-of-life';
import { BestPracticeRule, Severity } from '../rule';
import { block, isExpression } from '../stack-view';

/** BATCH-004: node agents and images are within their support period. */
export const poolNodeAgentEndOfLife: BestPracticeRule = {
  id: 'BATCH-004',
  severity: Severity.ERROR,
  title: 'Pool images and node agents are supported by Batch',
  explanation: 'After a node agent\'s or an image\'s end-of-life date Batch stops accepting new pools with it, and resizing may fail; plan the move before, within the warning horizon.',
  source: 'seeds/batch-best-practices.md, "Batch Node Agent updates"; azure/node-agent-eol.json (Batch retirement notices; batchSupportEndOfLife is when Batch stops accepting create-pool requests, REST ListSupportedImages; Azure/Batch#200: create and resize may fail after it)',
  fix: 'Move the pool to a supported image, e.g. PoolImage.UBUNTU_2404.',
  check: (stack, context) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const agent = pool.attributes.node_agent_sku_id;
    const image = block(pool.attributes.storage_image_reference);
    const named = [image?.publisher, image?.offer, image?.sku].every((part) => typeof part === 'string' && !isExpression(part));
    // The earlier of the node agent's end of support and the image's own (Windows Server images retire ahead of their agent).
    const ends = [
      { what: `node agent "${agent}"`, date: PoolImage.nodeAgentSku(agent)?.endOfLife },
      { what: `image ${named ? `${image!.publisher}:${image!.offer}:${image!.sku}` : ''}`, date: named ? imageEndOfLife(image!.publisher, image!.offer, image!.sku) : undefined },
    ].filter((end): end is { what: string; date: Date } => end.date !== undefined).sort((a, b) => a.date.getTime() - b.date.getTime());
    if (ends.length === 0) return [];
    const [{ what, date: end }] = ends;
    return endOfLifeFindings(pool, end, context, (date) => `${what} lost Batch support on ${date}`, (date, when) => `${what} loses Batch support on ${date}, ${when}`);
  }),
};

import { BestPracticeRule, Severity } from '../rule';
import { isExpression } from '../stack-view';

/** BATCH-001: pools use simplified compute node communication. */
export const poolSimplifiedMode: BestPracticeRule = {
  id: 'BATCH-001',
  severity: Severity.ERROR,
  title: 'Pools use simplified compute node communication',
  explanation: 'Classic node communication was retired on 2026-03-31; pools must set target_node_communication_mode = "Simplified" (Default may pick classic).',
  source: 'seeds/simplified-compute-node-communication.md, warning and "Specify the communication mode on a Batch pool"',
  fix: 'Set target_node_communication_mode = "Simplified" (SimplifiedPool always does).',
  check: (stack) => stack.ofType('azurerm_batch_pool')
    // A Terraform expression (a variable, say) may well be "Simplified": the stack does not show it.
    .filter((pool) => pool.attributes.target_node_communication_mode !== 'Simplified' && !isExpression(pool.attributes.target_node_communication_mode))
    .map((pool) => ({ resource: pool, message: `target_node_communication_mode is ${JSON.stringify(pool.attributes.target_node_communication_mode ?? null)}, not "Simplified"` })),
};

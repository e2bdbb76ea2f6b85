import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-009: start tasks are waited for and retried. */
export const startTaskWaitsAndRetries: BestPracticeRule = {
  id: 'BATCH-009',
  severity: Severity.WARNING,
  title: 'Start tasks are waited for and retried',
  explanation: 'Without wait_for_success, tasks land on nodes whose setup failed or is still running; without retries, one transient failure leaves the node unusable.',
  source: 'seeds/batch-best-practices.md, "Start tasks: lifetime and idempotency"',
  fix: 'Set wait_for_success = true and task_retry_maximum to 1 or more (DataDiskStartTask uses 3).',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const task = block(pool.attributes.start_task);
    if (!task) return [];
    const problems = [
      ...(task.wait_for_success === true ? [] : ['wait_for_success is not true']),
      ...((task.task_retry_maximum ?? 0) >= 1 ? [] : ['task_retry_maximum is 0']),
    ];
    return problems.length > 0 ? [{ resource: pool, message: `start task: ${problems.join(', ')}` }] : [];
  }),
};

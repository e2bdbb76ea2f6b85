import { FormulaTarget, formulaAssignment } from '../../pool/pool-scale';
import { BestPracticeRule, Severity } from '../rule';
import { block } from '../stack-view';

/** BATCH-012: shrinking a pool lets running tasks finish. */
export const resizeKeepsRunningTasks: BestPracticeRule = {
  id: 'BATCH-012',
  severity: Severity.WARNING,
  title: 'Resizing never kills running tasks',
  explanation: 'Batch\'s default node deallocation requeues running tasks, losing their work; TaskCompletion (or RetainedData) lets them finish before a node leaves.',
  source: 'DESIGN.md best practices; seeds/batch-best-practices.md, "Design for retries and re-execution"',
  fix: 'Set fixed_scale.node_deallocation_method = "TaskCompletion", or $NodeDeallocationOption = taskcompletion in the autoscale formula.',
  check: (stack) => stack.ofType('azurerm_batch_pool').flatMap((pool) => {
    const fixed = block(pool.attributes.fixed_scale);
    const auto = block(pool.attributes.auto_scale);
    if (fixed && !['TaskCompletion', 'RetainedData'].includes(fixed.node_deallocation_method)) {
      return [{ resource: pool, message: `fixed_scale.node_deallocation_method is ${JSON.stringify(fixed.node_deallocation_method ?? 'unset (Requeue)')}` }];
    }
    // The last assignment counts, comments left out; without one Batch requeues (Learn "Create a formula
    // to automatically scale compute nodes", $NodeDeallocationOption: requeue is the default).
    const deallocation = auto ? formulaAssignment(String(auto.formula), FormulaTarget.NODE_DEALLOCATION) : undefined;
    if (auto && !['taskcompletion', 'retaineddata'].includes(String(deallocation).toLowerCase())) {
      return [{ resource: pool, message: 'the autoscale formula does not set $NodeDeallocationOption to taskcompletion or retaineddata' }];
    }
    return [];
  }),
};

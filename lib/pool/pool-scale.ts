import { Token } from '../engine';
import { invalid, knownOnlyAtDeploy } from '../private/problems';

/** What happens to running tasks when a node leaves the pool. Values are the Batch API's. */
export enum NodeDeallocation {
  /** Let running tasks finish, take no new ones, then remove the node: nothing is killed. */
  TASK_COMPLETION = 'TaskCompletion',
  /** Requeue running tasks elsewhere at once (their work so far is lost). */
  REQUEUE = 'Requeue',
  /** Kill running tasks; they fail. */
  TERMINATE = 'Terminate',
  /** Let tasks finish and keep their data until it expires. */
  RETAINED_DATA = 'RetainedData',
}

/** Options of a fixed-size pool. */
export interface FixedScaleOptions {
  /** Dedicated nodes, 0-2000. @default 0 */
  readonly dedicatedNodes?: number;
  /** Spot (low-priority) nodes, 0-1000. @default 0 */
  readonly spotNodes?: number;
  /** Minutes Batch tries to reach the size, 5 or more. @default 15 */
  readonly resizeTimeoutMinutes?: number;
  /** What shrinking does to running tasks. @default NodeDeallocation.TASK_COMPLETION */
  readonly nodeDeallocation?: NodeDeallocation;
}

/** Options of an autoscaled pool. */
export interface AutoscaleOptions {
  /** The autoscale formula. */
  readonly formula: string;
  /** The most nodes (dedicated + Spot) the formula can ask for; sizes the subnet. */
  readonly maxNodes: number;
  /** Minutes between evaluations, 5-10080. @default 15 */
  readonly evaluationIntervalMinutes?: number;
}

/** Options of {@link PoolScale.pendingTasks}. */
export interface PendingTasksOptions {
  /** Upper bound of nodes. */
  readonly maxNodes: number;
  /** Ask for Spot nodes instead of dedicated ones. @default false */
  readonly spot?: boolean;
  /** Minutes of pending-task samples the formula looks at. @default 15 */
  readonly sampleMinutes?: number;
  /** Minutes between evaluations. @default 15 */
  readonly evaluationIntervalMinutes?: number;
}

/**
 * How many nodes a pool has: a fixed size, or an autoscale formula. Shrinking never kills running
 * tasks unless you ask for it (`NodeDeallocation.TASK_COMPLETION`, also set by the formula helper).
 */
export class PoolScale {
  /** A fixed number of dedicated and Spot nodes. */
  public static fixed(options: FixedScaleOptions = {}): PoolScale {
    const dedicated = options.dedicatedNodes ?? 0;
    const spot = options.spotNodes ?? 0;
    checkInteger('PoolScale.fixed', 'dedicatedNodes', dedicated, 0, 2000, NODE_COUNT_USE);
    checkInteger('PoolScale.fixed', 'spotNodes', spot, 0, 1000, NODE_COUNT_USE);
    checkInteger('PoolScale.fixed', 'resizeTimeoutMinutes', options.resizeTimeoutMinutes ?? 15, 5, 10080, DURATION_USE);
    return new PoolScale(dedicated + spot, spot, dedicated, {
      fixedSize: {
        dedicatedNodes: dedicated,
        spotNodes: spot,
        resizeTimeoutMinutes: options.resizeTimeoutMinutes ?? 15,
        nodeDeallocation: options.nodeDeallocation ?? NodeDeallocation.TASK_COMPLETION,
      },
    });
  }

  /**
   * An autoscale formula you wrote; `maxNodes` is what it can reach. Batch takes at most 8 KB and 100
   * statements (Learn "Create a formula to automatically scale compute nodes in a Batch pool", section
   * "Autoscale formulas"; error AutoScaleFormulaTooLong: at most 8192 characters).
   */
  public static autoscale(options: AutoscaleOptions): PoolScale {
    if (options.formula.trim() === '') invalid('PoolScale.autoscale', 'formula', options.formula, 'is empty; write one, or use PoolScale.pendingTasks()');
    const formula = options.formula.trim();
    if (formula.length > MAX_FORMULA_LENGTH) {
      invalid('PoolScale.autoscale', 'formula', `${formula.slice(0, 40)}…`, `is ${formula.length} characters long, and Batch takes at most ${MAX_FORMULA_LENGTH}; shorten it (comments count too)`);
    }
    const statements = formulaStatements(formula);
    if (statements.length > MAX_FORMULA_STATEMENTS) {
      invalid('PoolScale.autoscale', 'formula', `${formula.slice(0, 40)}…`, `has ${statements.length} statements, and Batch takes at most ${MAX_FORMULA_STATEMENTS}; combine some`);
    }
    checkInteger('PoolScale.autoscale', 'maxNodes', options.maxNodes, 0, 3000, NODE_COUNT_USE);
    checkInteger('PoolScale.autoscale', 'evaluationIntervalMinutes', options.evaluationIntervalMinutes ?? 15, 5, 10080, DURATION_USE);
    // A formula whose last assignment to $TargetLowPriorityNodes (or $TargetDedicatedNodes) is anything
    // but a literal 0 may ask for Spot (or dedicated) nodes.
    const sets = (variable: FormulaTarget) => {
      const value = formulaAssignment(formula, variable);
      return value !== undefined && !/^0+(\.0*)?$/.test(value);
    };
    const spot = sets(FormulaTarget.SPOT_NODES) ? options.maxNodes : 0;
    const dedicated = sets(FormulaTarget.DEDICATED_NODES) ? options.maxNodes : 0;
    return new PoolScale(options.maxNodes, spot, dedicated, {
      autoscaling: { formula, maxNodes: options.maxNodes, evaluationIntervalMinutes: options.evaluationIntervalMinutes ?? 15 },
    });
  }

  /**
   * The common formula: enough nodes for the pending tasks (active + running) over the last samples,
   * each node taking as many as it has task slots (`$TaskSlotsPerNode`, the pool's taskSlotsPerNode),
   * at most `maxNodes`, removing nodes only when their tasks complete.
   */
  public static pendingTasks(options: PendingTasksOptions): PoolScale {
    checkInteger('PoolScale.pendingTasks', 'maxNodes', options.maxNodes, 1, 3000, NODE_COUNT_USE);
    checkInteger('PoolScale.pendingTasks', 'sampleMinutes', options.sampleMinutes ?? 15, 1, 1440, FORMULA_USE);
    checkInteger('PoolScale.pendingTasks', 'evaluationIntervalMinutes', options.evaluationIntervalMinutes ?? 15, 5, 10080, DURATION_USE);
    const target = options.spot ? '$TargetLowPriorityNodes' : '$TargetDedicatedNodes';
    const other = options.spot ? '$TargetDedicatedNodes' : '$TargetLowPriorityNodes';
    const formula = [
      `$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * ${options.sampleMinutes ?? 15});`,
      `$tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * ${options.sampleMinutes ?? 15})));`,
      // Learn "Create a formula to automatically scale compute nodes", variables: $TaskSlotsPerNode is the
      // task slots of a node; one node per task would ask for taskSlotsPerNode times the nodes needed.
      `${target} = min(${options.maxNodes}, ceil($tasks / $TaskSlotsPerNode));`,
      `${other} = 0;`,
      '$NodeDeallocationOption = taskcompletion;',
    ].join('\n');
    return PoolScale.autoscale({ formula, maxNodes: options.maxNodes, evaluationIntervalMinutes: options.evaluationIntervalMinutes });
  }

  /** The most nodes the pool can have at once. */
  public readonly maxNodes: number;
  /** The most Spot (low-priority) nodes the pool can have: the fixed count, or `maxNodes` for a formula that sets them. */
  public readonly spotNodes: number;
  /** The most dedicated nodes the pool can have: the fixed count, or `maxNodes` for a formula that sets them. */
  public readonly dedicatedNodes: number;
  /**
   * The fixed size, with every default applied; undefined when a formula scales the pool (then
   * {@link PoolScale.autoscaling} is set).
   */
  public readonly fixedSize?: Required<FixedScaleOptions>;
  /**
   * The autoscale formula (trimmed), the node count it can reach and its evaluation interval, with the
   * default applied; undefined for a fixed size (then {@link PoolScale.fixedSize} is set).
   */
  public readonly autoscaling?: Required<AutoscaleOptions>;

  private constructor(maxNodes: number, spotNodes: number, dedicatedNodes: number, mode: Pick<PoolScale, 'fixedSize' | 'autoscaling'>) {
    this.maxNodes = maxNodes;
    this.spotNodes = spotNodes;
    this.dedicatedNodes = dedicatedNodes;
    this.fixedSize = mode.fixedSize;
    this.autoscaling = mode.autoscaling;
  }
}

/** Batch's limits on an autoscale formula (see {@link PoolScale.autoscale}). */
const MAX_FORMULA_LENGTH = 8192;
const MAX_FORMULA_STATEMENTS = 100;

/** The service-defined variables a formula sets the pool's size with. */
export enum FormulaTarget {
  /** `$TargetDedicatedNodes`, also written `$TargetDedicated`. */
  DEDICATED_NODES = 'TargetDedicatedNodes',
  /** `$TargetLowPriorityNodes` (Spot), also written `$TargetLowPriority`. */
  SPOT_NODES = 'TargetLowPriorityNodes',
  /** `$NodeDeallocationOption`: what shrinking does to running tasks. */
  NODE_DEALLOCATION = 'NodeDeallocationOption',
}

/** Other names Batch takes for a {@link FormulaTarget} (Learn, "Service-defined variables": the aliases). */
const ALIASES: Record<FormulaTarget, readonly string[]> = {
  [FormulaTarget.DEDICATED_NODES]: ['TargetDedicatedNodes', 'TargetDedicated'],
  [FormulaTarget.SPOT_NODES]: ['TargetLowPriorityNodes', 'TargetLowPriority'],
  [FormulaTarget.NODE_DEALLOCATION]: ['NodeDeallocationOption'],
};

/**
 * The statements of an autoscale formula, without its comments: statements are separated by
 * semicolons and may span lines, and `//` starts a comment (Learn "Create a formula to automatically
 * scale compute nodes in a Batch pool": formulas "can include line breaks and comments"; its examples
 * comment with `//`).
 */
function formulaStatements(formula: string): string[] {
  return formula.replace(/\/\/[^\n]*/g, '').split(';').map((statement) => statement.trim()).filter((statement) => statement !== '');
}

/**
 * The expression the formula's last assignment to `variable` (or an alias of it) gives, trimmed;
 * undefined when no statement assigns it. Variable names compare in any letter case.
 */
export function formulaAssignment(formula: string, variable: FormulaTarget): string | undefined {
  const names = ALIASES[variable].join('|');
  const assignment = new RegExp(`^\\$(?:${names})\\s*=(?!=)([\\s\\S]*)$`, 'i');
  return formulaStatements(formula).map((statement) => assignment.exec(statement)?.[1].trim()).filter((value): value is string => value !== undefined).pop();
}

/** What a node count is needed for at synth. */
const NODE_COUNT_USE = 'the pool\'s nodes are counted at synth, against its subnet\'s addresses, its public IPs and the inter-node communication cap';
/** What a number of minutes written as a duration is needed for at synth. */
const DURATION_USE = 'it is written as an ISO 8601 duration at synth';
/** What a number written into the formula is needed for at synth. */
const FORMULA_USE = 'it is written into the formula at synth';

/** Refuses `value` unless it is a whole number from `min` to `max`; a token, because `use` needs the number at synth. */
function checkInteger(factory: string, name: string, value: number, min: number, max: number, use: string): void {
  if (Token.isUnresolved(value)) invalid(factory, name, value, knownOnlyAtDeploy(use, 'give a number'));
  if (!Number.isInteger(value) || value < min || value > max) invalid(factory, name, value, `is out of range; use a whole number from ${min} to ${max}`);
}

import type { ResourceView, StackView } from './stack-view';

/** How bad a finding is: errors stop synth, warnings are annotations. */
export enum Severity {
  /** The finding fails synth (a validation error) unless the rule is suppressed with a reason. */
  ERROR = 'error',
  /** The finding is a warning annotation on the resource; synth goes on. */
  WARNING = 'warning',
}

/** Settings rules may read. */
export interface RuleContext {
  /** The date end-of-life checks use. */
  readonly today: Date;
  /** Days before a node agent's end of support that a warning starts. */
  readonly endOfLifeWarningDays: number;
}

/** One thing a rule found on one resource. */
export interface Finding {
  /** The resource the finding is about; annotations and suppressions are looked up on its construct. */
  readonly resource: ResourceView;
  /**
   * What is wrong with the resource, as a clause without a final period, e.g.
   * `has no diagnostic setting`; the report appends `: ` and the rule's `fix`.
   */
  readonly message: string;
  /**
   * Severity of this finding, when it differs from the rule's (BATCH-004: a node agent's end of support
   * within the warning horizon is a warning, one that is past an error).
   * @default - the rule's severity
   */
  readonly severity?: Severity;
}

/** A best-practice rule: a pure function from a stack's synthesized resources to findings. */
export interface BestPracticeRule {
  /** Stable id, e.g. `BATCH-001`; used in messages and suppressions. */
  readonly id: string;
  /** Severity of the rule's findings, unless a finding gives its own. */
  readonly severity: Severity;
  /** What the rule checks, in one line. */
  readonly title: string;
  /** Why, citing the guidance it comes from. */
  readonly explanation: string;
  /** Where the guidance is: a seed section or a public baseline. */
  readonly source: string;
  /** How to comply. */
  readonly fix: string;
  /** The findings on `stack`, empty when it complies; it must not change the stack. */
  check(stack: StackView, context: RuleContext): Finding[];
}

import type { ResourceView, StackView } from './stack-view';

/** How bad a finding is: errors stop synth, warnings are annotations. */
export enum Severity {
  ERROR = 'error',
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
  readonly resource: ResourceView;
  readonly message: string;
  /** @default - the rule's severity */
  readonly severity?: Severity;
}

/** A best-practice rule: a pure function from a stack's synthesized resources to findings. */
export interface BestPracticeRule {
  /** Stable id, e.g. `BATCH-001`; used in messages and suppressions. */
  readonly id: string;
  readonly severity: Severity;
  /** What the rule checks, in one line. */
  readonly title: string;
  /** Why, citing the guidance it comes from. */
  readonly explanation: string;
  /** Where the guidance is: a seed section or a public baseline. */
  readonly source: string;
  /** How to comply. */
  readonly fix: string;
  check(stack: StackView, context: RuleContext): Finding[];
}

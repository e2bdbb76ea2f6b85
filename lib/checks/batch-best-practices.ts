import { Annotations, IAspect, TerraformStack } from '../engine';
import type { IConstruct } from 'constructs';
import { addCheck, mapped, ValidationError, ValidationProblem } from '../private/problems';
import { todayOf } from '../private/today';
import { BestPracticeRule, RuleContext, Severity } from './rule';
import { ALL_RULES } from './rules';
import { StackView } from './stack-view';

/** Metadata key under which suppressions are stored on constructs. */
const SUPPRESSIONS = 'cdktf-azure-batch:suppressions';
/** Shortest acceptable suppression reason. */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** Properties of {@link BatchBestPractices}. */
export interface BatchBestPracticesProps {
  /**
   * The rules to run.
   * @default - every rule (see RULES.md)
   */
  readonly rules?: readonly BestPracticeRule[];
  /**
   * Days before a node agent's end of support that BATCH-004 warns.
   * @default 180
   */
  readonly endOfLifeWarningDays?: number;
}

/** The checkers that visited each stack, in the order they did. */
const CHECKERS = new WeakMap<TerraformStack, BatchBestPractices[]>();

/** Rule ids: upper-case letters and digits, a hyphen, three digits, e.g. `BATCH-003` or your `ACME-001`. */
const RULE_ID = /^[A-Z][A-Z0-9]*-\d{3}$/;

/**
 * An Aspect that checks the seeds' Batch guidance and a security baseline on the provider resources
 * a stack synthesizes — including resources built with the provider's classes or changed with
 * `addOverride`. Visiting a stack adds the checks to it as a stack validation, so they run once the
 * tree is complete, after every aspect (yours included). Errors stop synth; warnings are annotations;
 * both carry the rule id, e.g. `[BATCH-003]`. A rule that throws is reported as a failure of its own,
 * and the other rules still run. Apply it to any stack with
 * `Aspects.of(stack).add(new BatchBestPractices())`; `BatchRegionStack` applies it by default.
 */
export class BatchBestPractices implements IAspect {
  /**
   * Suppresses `ruleId` on `scope` and every resource under it (a resource, a construct or a whole
   * stack). Any rule id is accepted (yours too); a suppression that matches no finding is reported as a
   * warning, so a typo does not hide. The reason is required (10 characters or more) and is reported in
   * the synth output.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    BatchBestPractices.checkSuppression(ruleId, reason);
    scope.node.addMetadata(SUPPRESSIONS, { ruleId, reason: reason.trim() } satisfies Suppression);
  }

  /**
   * Throws a {@link ValidationError} listing what is wrong with a suppression (its id's form, its
   * reason's length), as {@link BatchBestPractices.suppress} would, without suppressing anything: for
   * checking suppressions read from a config before any stack exists.
   */
  public static checkSuppression(ruleId: string, reason: string): void {
    const problems: ValidationProblem[] = [];
    const subject = 'BatchBestPractices.suppress';
    if (!RULE_ID.test(ruleId)) {
      problems.push({ subject, path: 'ruleId', value: ruleId, message: `is not a rule id; use one such as ${ALL_RULES[0].id} (see RULES.md) or an id of your own rules in that form` });
    }
    if (reason.trim().length < MIN_SUPPRESSION_REASON_LENGTH) {
      problems.push({ subject, path: 'reason', value: reason, message: `is too short; say why ${ruleId} does not apply, in ${MIN_SUPPRESSION_REASON_LENGTH} characters or more` });
    }
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /**
   * The errors of the best-practice checks that visited `stack`, found on `synthesized` when given: the
   * stack's synthesized Terraform (its parsed `cdk.tf.json`), so that nothing is resolved a second time.
   * This is for a program that synthesizes first and checks after, as the deployable app does: it
   * collects the other problems before synth with `collectProblems(stack, { bestPractices: false })`,
   * synthesizes into a staging folder, and writes nothing when this returns errors. Without
   * `synthesized`, the tree is checked, as at synth, resource by resource. The findings are those synth
   * reports, with one difference: the JSON also holds what overrides on the stack itself changed
   * (`stack.addOverride`), which resolving each resource does not see. Errors are returned, mapped as at
   * synth; warnings and suppressions are annotated on the constructs.
   * Each check runs once per stack, whichever way comes first. Throws when a resource of the tree is not
   * in `synthesized`.
   */
  public static problemsOf(stack: TerraformStack, synthesized?: unknown): ValidationProblem[] {
    let view: StackView | undefined;
    const viewOf = () => (view ??= synthesized === undefined ? StackView.of(stack) : StackView.fromSynthesized(stack, synthesized));
    return (CHECKERS.get(stack) ?? []).flatMap((checker) => checker.checkOnce(stack, viewOf)).map((problem) => mapped(stack, problem));
  }

  private readonly rules: readonly BestPracticeRule[];
  private readonly endOfLifeWarningDays: number;
  private readonly checked = new Set<TerraformStack>();
  /** What the check of each stack found: it runs once, at synth, in collectProblems or on the synthesized JSON. */
  private readonly found = new Map<TerraformStack, readonly ValidationProblem[]>();

  constructor(props: BatchBestPracticesProps = {}) {
    this.rules = props.rules ?? ALL_RULES;
    this.endOfLifeWarningDays = props.endOfLifeWarningDays ?? 180;
  }

  /** Adds the checks to `node` when it is a stack (once per stack). */
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.checked.has(node)) return;
    this.checked.add(node);
    const checkers = CHECKERS.get(node) ?? [];
    CHECKERS.set(node, checkers);
    checkers.push(this);
    addCheck(node, () => this.checkOnce(node, () => StackView.of(node)), { bestPractices: true });
  }

  /** The rules run on `stack` once: later calls return what the first run found. */
  private checkOnce(stack: TerraformStack, view: () => StackView): readonly ValidationProblem[] {
    let found = this.found.get(stack);
    if (found === undefined) {
      found = this.check(stack, view);
      this.found.set(stack, found);
    }
    return found;
  }

  /** Runs every rule on the view of `stack`: errors are returned, warnings and suppressions annotated. */
  private check(stack: TerraformStack, viewOf: () => StackView): ValidationProblem[] {
    let today: Date;
    try {
      today = todayOf(stack);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.problems.map((problem) => ({ ...problem, constructPath: stack.node.path }));
    }
    const context: RuleContext = { today, endOfLifeWarningDays: this.endOfLifeWarningDays };
    const view = viewOf();
    const problems: ValidationProblem[] = [];
    const used = new Set<Suppression>();
    const failed = new Set<string>();
    for (const rule of this.rules) {
      let findings;
      try {
        findings = rule.check(view, context);
      } catch (error) {
        // Its suppressions cannot be told unused: what the rule would have found is unknown.
        failed.add(rule.id);
        const suppression = suppressionOf(stack, rule.id);
        if (suppression) {
          used.add(suppression);
          Annotations.of(stack).addInfo(`[${rule.id}] suppressed: ${suppression.reason}`);
          continue;
        }
        problems.push({
          subject: 'BatchBestPractices', constructPath: stack.node.path, ruleId: rule.id, path: '', value: undefined,
          message: `the rule failed with ${error instanceof Error ? error.message : String(error)}; the stack is unchecked by it — report this, or suppress ${rule.id} on the stack with a reason`,
        });
        continue;
      }
      for (const finding of findings) {
        const construct = finding.resource.construct;
        const message = `${finding.message}: ${rule.fix}`;
        const suppression = suppressionOf(construct, rule.id);
        if (suppression) {
          used.add(suppression);
          Annotations.of(construct).addInfo(`[${rule.id}] suppressed: ${suppression.reason}`);
        } else if ((finding.severity ?? rule.severity) === Severity.ERROR) {
          problems.push({ subject: 'BatchBestPractices', constructPath: construct.node.path, ruleId: rule.id, path: '', value: undefined, message });
        } else {
          Annotations.of(construct).addWarning(`[${rule.id}] ${message}`);
        }
      }
    }
    // A suppression is this checker's to judge when it runs the rule; one of a rule no checker of the
    // stack runs (a typo) is reported once, by the first checker.
    const own = new Set(this.rules.map((rule) => rule.id));
    const checkers = CHECKERS.get(stack) ?? [this];
    const anyChecker = new Set(checkers.flatMap((checker) => checker.rules.map((rule) => rule.id)));
    const judges = (ruleId: string) => (own.has(ruleId) ? !failed.has(ruleId) : !anyChecker.has(ruleId) && checkers[0] === this);
    for (const node of stack.node.findAll()) {
      for (const entry of node.node.metadata.filter((item) => item.type === SUPPRESSIONS)) {
        const suppression = entry.data as Suppression;
        if (!used.has(suppression) && judges(suppression.ruleId)) {
          Annotations.of(node).addWarning(`the suppression of ${suppression.ruleId} here matches no finding; remove it, or correct the rule id (see RULES.md)`);
        }
      }
    }
    return problems;
  }
}
/** The suppression of `ruleId` on `construct` or the nearest scope above it. */
function suppressionOf(construct: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const found = scope.node.metadata.find((entry) => entry.type === SUPPRESSIONS && (entry.data as Suppression).ruleId === ruleId);
    if (found) return found.data as Suppression;
  }
  return undefined;
}

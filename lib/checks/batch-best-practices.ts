import { Annotations, IAspect, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { fail } from '../private/problems';
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

/**
 * An Aspect that checks the seeds' Batch guidance and a security baseline on the provider resources
 * a stack synthesizes — including resources built with the provider's classes or changed with
 * `addOverride`. Errors stop synth; warnings are annotations; both carry the rule id, e.g.
 * `[BATCH-003]`. Apply it to any stack with `Aspects.of(stack).add(new BatchBestPractices())`;
 * `BatchRegionStack` applies it by default.
 */
export class BatchBestPractices implements IAspect {
  /**
   * Suppresses `ruleId` on `scope` and every resource under it (a resource, a construct or a whole
   * stack). The reason is required (10 characters or more) and is reported in the synth output.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!ALL_RULES.some((rule) => rule.id === ruleId)) {
      fail(`BatchBestPractices.suppress: "${ruleId}" is not a rule id; use one of ${ALL_RULES.map((rule) => rule.id).join(', ')} (see RULES.md).`);
    }
    if (reason.trim().length < MIN_SUPPRESSION_REASON_LENGTH) {
      fail(`BatchBestPractices.suppress: the reason for suppressing ${ruleId} on ${scope.node.path} is "${reason}"; write why the rule does not apply, in ${MIN_SUPPRESSION_REASON_LENGTH} characters or more.`);
    }
    scope.node.addMetadata(SUPPRESSIONS, { ruleId, reason: reason.trim() } satisfies Suppression);
  }

  private readonly rules: readonly BestPracticeRule[];
  private readonly endOfLifeWarningDays: number;
  private readonly checked = new Set<TerraformStack>();

  constructor(props: BatchBestPracticesProps = {}) {
    this.rules = props.rules ?? ALL_RULES;
    this.endOfLifeWarningDays = props.endOfLifeWarningDays ?? 180;
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.checked.has(node)) return;
    this.checked.add(node);
    const context: RuleContext = { today: todayOf(node), endOfLifeWarningDays: this.endOfLifeWarningDays };
    const view = StackView.of(node);
    for (const rule of this.rules) {
      for (const finding of rule.check(view, context)) {
        const construct = finding.resource.construct;
        const message = `[${rule.id}] ${finding.message}: ${rule.fix}`;
        const suppression = suppressionOf(construct, rule.id);
        if (suppression) {
          Annotations.of(construct).addInfo(`[${rule.id}] suppressed: ${suppression.reason}`);
        } else if ((finding.severity ?? rule.severity) === Severity.ERROR) {
          Annotations.of(construct).addError(message);
        } else {
          Annotations.of(construct).addWarning(message);
        }
      }
    }
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

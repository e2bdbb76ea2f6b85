import { MIN_SUPPRESSION_REASON_LENGTH } from './batch-best-practices';
import type { BestPracticeRule } from './rule';
import { ALL_RULES } from './rules';

/** RULES.md: every rule with what it checks, why, how to fix and how to suppress. */
export function rulesMarkdown(rules: readonly BestPracticeRule[] = ALL_RULES): string {
  const lines = [
    '# Best-practice rules',
    '',
    '<!-- Generated from lib/checks/rules by `npm run docs`; a test fails when this file is stale. -->',
    '',
    '`BatchBestPractices` runs these rules on every provider resource a stack synthesizes — resources',
    'built with this library, with the provider\'s classes, or changed through `addOverride`.',
    '`BatchRegionStack` applies it by default (`bestPractices: false` turns it off); elsewhere use',
    '`Aspects.of(stack).add(new BatchBestPractices())`. Errors stop synth; warnings are annotations.',
    'Each message starts with the rule id.',
    '',
    'Suppress a rule on a resource, a construct or a whole stack, with the reason (at least',
    `${MIN_SUPPRESSION_REASON_LENGTH} characters) that the synth output then reports:`,
    '',
    '```ts',
    "BatchBestPractices.suppress(pool, 'SEC-006', 'Partner API allow-lists our static egress IPs');",
    '```',
    '',
    '| id | severity | checks |',
    '|---|---|---|',
    ...rules.map((rule) => `| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${rule.title} |`),
    '',
  ];
  for (const rule of rules) {
    lines.push(
      `## ${rule.id}`,
      '',
      `**${rule.title}** (${rule.severity})`,
      '',
      `- Why: ${rule.explanation}`,
      `- Source: ${rule.source}`,
      `- Fix: ${rule.fix}`,
      `- Suppress: \`BatchBestPractices.suppress(scope, '${rule.id}', '<why it does not apply>')\``,
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

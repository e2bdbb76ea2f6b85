import { MIN_SUPPRESSION_REASON_LENGTH } from '../../lib/checks/batch-best-practices';
import { BestPracticeRule, Severity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { rulesMarkdown } from '../../lib/checks/rules-doc';

const RULE: BestPracticeRule = {
  id: 'ACME-001',
  severity: Severity.WARNING,
  title: 'Pools carry a cost-center tag',
  explanation: 'Finance charges Batch back to teams by the cost-center tag of each pool.',
  source: 'Contoso cloud handbook, "Tagging"',
  fix: 'Tag the pool with cost-center.',
  check: () => [],
};

describe('rulesMarkdown', () => {
  test('lists each rule in the table, linked to its section, and explains it there', () => {
    const markdown = rulesMarkdown([RULE]);
    expect(markdown).toContain('| [ACME-001](#acme-001) | warning | Pools carry a cost-center tag |');
    expect(markdown).toContain([
      '## ACME-001',
      '',
      '**Pools carry a cost-center tag** (warning)',
      '',
      '- Why: Finance charges Batch back to teams by the cost-center tag of each pool.',
      '- Source: Contoso cloud handbook, "Tagging"',
      '- Fix: Tag the pool with cost-center.',
      "- Suppress: `BatchBestPractices.suppress(scope, 'ACME-001', '<why it does not apply>')`",
    ].join('\n'));
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  test('states the shortest reason a suppression takes', () => {
    expect(rulesMarkdown([])).toContain(`(at least\n${MIN_SUPPRESSION_REASON_LENGTH} characters)`);
  });

  test('every link of the table reaches a heading, in the order of the rules', () => {
    const markdown = rulesMarkdown(ALL_RULES);
    const links = [...markdown.matchAll(/^\| \[([A-Z]+-\d{3})\]\(#([a-z]+-\d{3})\)/gm)].map((match) => [match[1], match[2]]);
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(links.map(([id]) => id)).toEqual(ALL_RULES.map((rule) => rule.id));
    // GitHub's heading anchors: lower case, spaces to hyphens.
    expect(links.map(([, anchor]) => anchor)).toEqual(headings.map((heading) => heading.toLowerCase().replace(/ /g, '-')));
  });
});

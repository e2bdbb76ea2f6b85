import { daysUntil, inDays } from '../private/today';
import { Finding, RuleContext, Severity } from './rule';
import type { ResourceView } from './stack-view';

/**
 * What a rule reports of something on `resource` that ends on `end`: an error once the day has passed
 * (`ended`, given the date), a warning within the end-of-life horizon (`ending`, given the date and how
 * far off it is: `in 12 days`), nothing before.
 */
export function endOfLifeFindings(resource: ResourceView, end: Date, context: RuleContext, ended: (date: string) => string, ending: (date: string, when: string) => string): Finding[] {
  const days = daysUntil(end, context.today);
  const date = end.toISOString().slice(0, 10);
  if (days < 0) return [{ resource, message: ended(date) }];
  if (days <= context.endOfLifeWarningDays) return [{ resource, severity: Severity.WARNING, message: ending(date, inDays(days)) }];
  return [];
}

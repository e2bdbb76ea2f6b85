import type { IConstruct } from 'constructs';
import { invalid } from './problems';

/** Context key holding the date end-of-life checks use (`YYYY-MM-DD`); defaults to today. */
export const TODAY_CONTEXT_KEY = 'cdktf-azure-batch:today';

/**
 * The date end-of-life checks use in `scope`, at 00:00 UTC: the context value, or today's date (so a
 * retirement day reads the same whether the context names it or the clock does). A value that is not a real
 * `YYYY-MM-DD` date is refused: read as an invalid date, every day count would be NaN and the checks
 * would find nothing without a word.
 */
export function todayOf(scope: IConstruct): Date {
  const given = scope.node.tryGetContext(TODAY_CONTEXT_KEY) as unknown;
  if (given === undefined) return new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const date = typeof given === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(given) ? new Date(`${given}T00:00:00Z`) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== given) {
    invalid('context', TODAY_CONTEXT_KEY, given, 'is not a date; give it as YYYY-MM-DD, e.g. "2027-07-01", or leave it unset for today');
  }
  return date;
}

/** Whole days from `today` to `date`: negative once `date` has passed (the one place dates are counted). */
export function daysUntil(date: Date, today: Date): number {
  return Math.floor((date.getTime() - today.getTime()) / 86_400_000);
}

/** How far off a date `days` away is, for a message: `today`, `in 1 day`, `in 12 days`. */
export function inDays(days: number): string {
  return days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
}

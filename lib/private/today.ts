import type { IConstruct } from 'constructs';

/** Context key holding the date end-of-life checks use (`YYYY-MM-DD`); defaults to today. */
export const TODAY_CONTEXT_KEY = 'cdktf-azure-batch:today';

/** The date end-of-life checks use in `scope`: the context value, or now. */
export function todayOf(scope: IConstruct): Date {
  const given = scope.node.tryGetContext(TODAY_CONTEXT_KEY) as string | undefined;
  return given ? new Date(`${given}T00:00:00Z`) : new Date();
}

/** Whole days from `today` to `date`: negative once `date` has passed (the one place dates are counted). */
export function daysUntil(date: Date, today: Date): number {
  return Math.floor((date.getTime() - today.getTime()) / 86_400_000);
}

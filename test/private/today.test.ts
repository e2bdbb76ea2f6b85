import { Aspects, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchBestPractices } from '../../lib/checks/batch-best-practices';
import { collectProblems, formatValidationProblem } from '../../lib/private/problems';
import { daysUntil, TODAY_CONTEXT_KEY, todayOf } from '../../lib/private/today';
import { batchFixture, newStack, stackAsOf } from '../helpers';

describe('todayOf', () => {
  test('is the date the context gives, at midnight UTC, for every construct below the app', () => {
    const stack = newStack('test', { 'cdktf-azure-batch:today': '2027-06-30' });
    expect(TODAY_CONTEXT_KEY).toBe('cdktf-azure-batch:today');
    expect(todayOf(stack).toISOString()).toBe('2027-06-30T00:00:00.000Z');
    expect(todayOf(new Construct(new Construct(stack, 'Region'), 'Pool')).toISOString()).toBe('2027-06-30T00:00:00.000Z');
  });

  test('is now when the context gives none', () => {
    const before = Date.now();
    const today = todayOf(newStack()).getTime();
    expect(today).toBeGreaterThanOrEqual(before);
    expect(today).toBeLessThanOrEqual(Date.now());
  });

  // Azure/Batch issue #200: the Ubuntu 22.04 node agent reaches end of support on 2027-06-30
  // (lib/catalog/node-agent-eol.json). The end-of-life checks read the date from the context.
  test.each([
    ['2026-11-21', []],
    ['2027-07-01', ['BATCH-004']],
  ])('as of %s, a pool on the Ubuntu 22.04 agent is reported for %j', (today, ruleIds) => {
    const fixture = batchFixture(stackAsOf(today));
    fixture.addPool({ image: PoolImage.UBUNTU_2204 });
    Aspects.of(fixture.stack).add(new BatchBestPractices());
    Testing.synth(fixture.stack);
    expect(collectProblems(fixture.stack).map((problem) => problem.ruleId)).toEqual(ruleIds);
  });

  // A typo like `2027-7-1` would read as an invalid date, every day count NaN, and BATCH-004 would find nothing.
  test('a context date that is not YYYY-MM-DD is refused instead of turning the end-of-life check off', () => {
    const fixture = batchFixture(stackAsOf('2027-7-1'));
    fixture.addPool({ image: PoolImage.UBUNTU_2204 });
    Aspects.of(fixture.stack).add(new BatchBestPractices());
    let reported: string;
    try {
      Testing.synth(fixture.stack);
      reported = collectProblems(fixture.stack).map(formatValidationProblem).join('\n');
    } catch (error) {
      reported = (error as Error).message;
    }
    expect(reported).toMatch(/cdktf-azure-batch:today|BATCH-004/);
  });
});

describe('daysUntil', () => {
  const day = (iso: string) => new Date(iso);
  test.each([
    ['2027-06-30T00:00:00Z', '2027-06-29T00:00:00Z', 1],
    ['2027-06-30T00:00:00Z', '2027-06-30T00:00:00Z', 0],
    ['2027-06-30T00:00:00Z', '2027-07-01T00:00:00Z', -1],
    ['2027-06-30T00:00:00Z', '2026-11-21T00:00:00Z', 221],
    // Part of a day left counts as none; part of a day past counts as a day past.
    ['2027-06-30T00:00:00Z', '2027-06-29T15:00:00Z', 0],
    ['2027-06-30T00:00:00Z', '2027-06-30T15:00:00Z', -1],
  ])('from %s back to %s: %d days', (date, today, days) => {
    expect(daysUntil(day(date), day(today))).toBe(days);
  });
});

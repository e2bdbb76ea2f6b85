import { Aspects, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PoolImage } from '../../lib/catalog/pool-image';
import { BatchBestPractices } from '../../lib/checks/batch-best-practices';
import { collectProblems, formatValidationProblem } from '../../lib/private/problems';
import { daysUntil, TODAY_CONTEXT_KEY, todayOf } from '../../lib/private/today';
import { batchFixture, newStack, stackAsOf, warningsOf } from '../helpers';

describe('todayOf', () => {
  test('is the date the context gives, at midnight UTC, for every construct below the app', () => {
    const stack = newStack('test', { 'cdktf-azure-batch:today': '2027-06-30' });
    expect(TODAY_CONTEXT_KEY).toBe('cdktf-azure-batch:today');
    expect(todayOf(stack).toISOString()).toBe('2027-06-30T00:00:00.000Z');
    expect(todayOf(new Construct(new Construct(stack, 'Region'), 'Pool')).toISOString()).toBe('2027-06-30T00:00:00.000Z');
  });

  test('is today, at midnight UTC, when the context gives none', () => {
    const before = new Date().toISOString().slice(0, 10);
    const today = todayOf(newStack()).toISOString();
    expect([before, new Date().toISOString().slice(0, 10)].map((day) => `${day}T00:00:00.000Z`)).toContain(today);
  });

  // On a retirement day, late in it, the clock's reading matches the context's: one day, one verdict.
  test('the clock at 23:00 UTC on an end-of-life day reads as that day, as the context does', () => {
    const verdict = (stack: ReturnType<typeof newStack>) => {
      const fixture = batchFixture(stack);
      fixture.addPool({ image: PoolImage.UBUNTU_2204 });
      Aspects.of(fixture.stack).add(new BatchBestPractices());
      Testing.synth(fixture.stack);
      return [...collectProblems(fixture.stack).map(formatValidationProblem), ...warningsOf(fixture.stack)];
    };
    jest.useFakeTimers({ now: new Date('2027-06-30T23:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
    try {
      expect(todayOf(newStack()).toISOString()).toBe('2027-06-30T00:00:00.000Z');
      const byClock = verdict(newStack());
      expect(byClock).toEqual(verdict(stackAsOf('2027-06-30')));
      expect(byClock.join('\n')).toContain('loses Batch support on 2027-06-30, today');
    } finally {
      jest.useRealTimers();
    }
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

import { Fn, Token } from 'cdktf';
import { NodeDeallocation, PoolScale } from '../../lib/pool/pool-scale';
import { errorOf } from '../helpers';

describe('PoolScale', () => {
  test('fixed scale removes nodes only after their tasks complete, by default', () => {
    const scale = PoolScale.fixed({ dedicatedNodes: 3, spotNodes: 7 });
    expect(scale.fixedSize).toEqual({ dedicatedNodes: 3, spotNodes: 7, resizeTimeoutMinutes: 15, nodeDeallocation: NodeDeallocation.TASK_COMPLETION });
    expect(scale.autoscaling).toBeUndefined();
    expect(scale.maxNodes).toBe(10);
  });

  test('the pending-tasks formula', () => {
    const scale = PoolScale.pendingTasks({ maxNodes: 20, sampleMinutes: 10, evaluationIntervalMinutes: 5 });
    expect(scale.autoscaling).toEqual({
      maxNodes: 20,
      evaluationIntervalMinutes: 5,
      formula: [
        '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 10);',
        '$tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 10)));',
        '$TargetDedicatedNodes = min(20, ceil($tasks / $TaskSlotsPerNode));',
        '$TargetLowPriorityNodes = 0;',
        '$NodeDeallocationOption = taskcompletion;',
      ].join('\n'),
    });
    expect(scale.fixedSize).toBeUndefined();
  });

  test.each<[string, () => PoolScale, string]>([
    ['too many dedicated nodes', () => PoolScale.fixed({ dedicatedNodes: 2001 }), 'PoolScale.fixed: dedicatedNodes 2001 is out of range; use a whole number from 0 to 2000'],
    ['too many Spot nodes', () => PoolScale.fixed({ spotNodes: 1001 }), 'PoolScale.fixed: spotNodes 1001 is out of range; use a whole number from 0 to 1000'],
    ['a short resize timeout', () => PoolScale.fixed({ resizeTimeoutMinutes: 2 }), 'PoolScale.fixed: resizeTimeoutMinutes 2 is out of range; use a whole number from 5 to 10080'],
    ['an empty formula', () => PoolScale.autoscale({ formula: '  ', maxNodes: 3 }), 'PoolScale.autoscale: formula "  " is empty; write one, or use PoolScale.pendingTasks()'],
    ['a fast evaluation', () => PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 1;', maxNodes: 1, evaluationIntervalMinutes: 1 }),
      'PoolScale.autoscale: evaluationIntervalMinutes 1 is out of range; use a whole number from 5 to 10080'],
    // Learn "Create a formula to automatically scale compute nodes": at most 8 KB and 100 statements.
    ['a formula over 8192 characters', () => PoolScale.autoscale({ formula: `$TargetDedicatedNodes = 1;\n// ${'x'.repeat(8170)}`, maxNodes: 1 }),
      'PoolScale.autoscale: formula "$TargetDedicatedNodes = 1;\\n// xxxxxxxxxx…" is 8200 characters long, and Batch takes at most 8192; shorten it (comments count too)'],
    ['a formula of 101 statements', () => PoolScale.autoscale({ formula: Array.from({ length: 101 }, (_, i) => `$v${i} = ${i};`).join('\n'), maxNodes: 1 }),
      'PoolScale.autoscale: formula "$v0 = 0;\\n$v1 = 1;\\n$v2 = 2;\\n$v3 = 3;\\n$v4 …" has 101 statements, and Batch takes at most 100; combine some'],
  ])('rejects %s', (_, build, message) => {
    expect(errorOf(build)).toBe(message);
  });
});

describe('PoolScale Spot nodes', () => {
  test('a formula counts as asking for Spot nodes only when a statement sets them to something but 0', () => {
    const spot = (formula: string) => PoolScale.autoscale({ formula, maxNodes: 7 }).spotNodes;
    expect(spot('$TargetDedicatedNodes = 3; $TargetLowPriorityNodes = 0')).toBe(0);
    expect(spot('$TargetDedicatedNodes = 3;\n$TargetLowPriorityNodes = 0.0;')).toBe(0);
    expect(spot('$TargetLowPriorityNodes = min(7, $PendingTasks.GetSample(1));')).toBe(7);
    expect(spot('$TargetLowPriorityNodes = 10;')).toBe(7);
    expect(spot('$TargetDedicatedNodes = 2;')).toBe(0);
    expect(PoolScale.fixed({ spotNodes: 3 }).spotNodes).toBe(3);
    expect(PoolScale.pendingTasks({ maxNodes: 5, spot: true }).spotNodes).toBe(5);
    expect(PoolScale.pendingTasks({ maxNodes: 5 }).spotNodes).toBe(0);
  });

  // Learn: formulas "can include line breaks and comments"; $TargetDedicated and $TargetLowPriority are aliases.
  test('comments neither hide an assignment nor make one, aliases count, and the last assignment decides', () => {
    const scale = (formula: string) => PoolScale.autoscale({ formula, maxNodes: 7 });
    expect(scale('// burst on Spot\n$TargetLowPriorityNodes = min(7, $PendingTasks.GetSample(1));').spotNodes).toBe(7);
    expect(scale('$TargetDedicatedNodes = 2; // $TargetLowPriorityNodes = 7;').spotNodes).toBe(0);
    expect(scale('$TargetLowPriority = 4;').spotNodes).toBe(7);
    expect(scale('$TargetDedicated = 4;').dedicatedNodes).toBe(7);
    expect(scale('$targetlowprioritynodes = 4;').spotNodes).toBe(7);
    expect(scale('$TargetLowPriorityNodes = 4;\n$TargetLowPriorityNodes = 0;').spotNodes).toBe(0);
    // A comparison is no assignment.
    expect(scale('$TargetDedicatedNodes = 1; $x = $TargetLowPriorityNodes == 3 ? 1 : 0;').spotNodes).toBe(0);
  });
});

describe('PoolScale values known only at deploy time', () => {
  const count = Token.asNumber(Fn.abs(4));
  const nodes = 'is known only at deploy time, but the pool\'s nodes are counted at synth, against its subnet\'s addresses, its public IPs and the inter-node communication cap; give a number';
  const duration = 'is known only at deploy time, but it is written as an ISO 8601 duration at synth; give a number';

  test.each<[string, () => PoolScale, string]>([
    ['fixed dedicated nodes', () => PoolScale.fixed({ dedicatedNodes: count }), `PoolScale.fixed: dedicatedNodes (a Terraform expression) ${nodes}`],
    ['fixed Spot nodes', () => PoolScale.fixed({ spotNodes: count }), `PoolScale.fixed: spotNodes (a Terraform expression) ${nodes}`],
    ['a resize timeout', () => PoolScale.fixed({ resizeTimeoutMinutes: count }), `PoolScale.fixed: resizeTimeoutMinutes (a Terraform expression) ${duration}`],
    ['a formula\'s node cap', () => PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 1;', maxNodes: count }), `PoolScale.autoscale: maxNodes (a Terraform expression) ${nodes}`],
    ['an evaluation interval', () => PoolScale.autoscale({ formula: '$TargetDedicatedNodes = 1;', maxNodes: 4, evaluationIntervalMinutes: count }), `PoolScale.autoscale: evaluationIntervalMinutes (a Terraform expression) ${duration}`],
    ['the pending-tasks cap', () => PoolScale.pendingTasks({ maxNodes: count }), `PoolScale.pendingTasks: maxNodes (a Terraform expression) ${nodes}`],
    ['the pending-tasks samples', () => PoolScale.pendingTasks({ maxNodes: 4, sampleMinutes: count }), 'PoolScale.pendingTasks: sampleMinutes (a Terraform expression) is known only at deploy time, but it is written into the formula at synth; give a number'],
  ])('%s is refused, named as an expression rather than by its token', (_, make, message) => {
    expect(errorOf(make)).toBe(message);
  });
});

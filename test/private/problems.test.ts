import { App, Fn, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  addCheck, attempt, collectProblems, describeValue, fail, failAt, formatProblem, formatValidationProblem, invalid, locate, mapped, mapProblems,
  recordProblems, throwIfProblems, ValidationError, ValidationProblem,
} from '../../lib/private/problems';
import { PoolScale } from '../../lib/pool/pool-scale';
import { batchFixture, newStack } from '../helpers';

/** A construct whose problems are reported under the factory users call, as imports do. */
class Imported extends Construct {
  public readonly problemSubject = 'BatchNetwork.fromSubnetId';
}

/** The thrown {@link ValidationError}; fails the test when `fn` throws nothing or something else. */
function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** Error annotations under `scope`. */
function errorAnnotations(scope: Construct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata).filter((entry) => entry.type === '@cdktf/error').map((entry) => String(entry.data));
}

describe('rendering problems', () => {
  test.each([
    [undefined, '(missing)'],
    ['10.0.0.0/33', '"10.0.0.0/33"'],
    [0, '0'],
    [false, 'false'],
    [null, 'null'],
    [['a', 1], '["a",1]'],
    [{ lun: 0 }, '{"lun":0}'],
  ])('the value %j reads %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  test('a value known only at deploy time reads as a Terraform expression, not as its token\'s text, in a list or object too', () => {
    const number = Token.asNumber(Fn.abs(1));
    const text = Token.asString(Fn.lower('A'));
    const list = Token.asList(Fn.concat([['a']]));
    expect([describeValue(number), describeValue(text), describeValue(`/data/${text}`), describeValue(list)]).toEqual(Array(4).fill('(a Terraform expression)'));
    expect(describeValue([0, number, { lun: number, mountPath: text }])).toBe('[0,"(a Terraform expression)",{"lun":"(a Terraform expression)","mountPath":"(a Terraform expression)"}]');
    // Text that only looks like Terraform is the user's literal text.
    expect(describeValue('${var.size}')).toBe('"${var.size}"');
  });

  test('long values are cut to 200 characters', () => {
    const text = describeValue('x'.repeat(500));
    expect(text).toHaveLength(200);
    expect(text).toBe(`"${'x'.repeat(196)}...`);
  });

  test('a problem reads: path, value, what is wrong and the fix; a problem with no path is its message', () => {
    expect(formatProblem({ path: 'dataDisks[1].mountPath', value: '/mnt', message: 'races the temporary disk; use /data' })).toBe('dataDisks[1].mountPath "/mnt" races the temporary disk; use /data');
    expect(formatProblem({ path: '', value: 'ignored', message: 'Port: 0 is not a port number.' })).toBe('Port: 0 is not a port number.');
  });

  test('a validation problem says whose props, where and which rule', () => {
    const problem = { path: 'vmSize', value: 'x', message: 'is not a VM size name' };
    expect(formatValidationProblem({ ...problem, subject: 'SimplifiedPool' })).toBe('SimplifiedPool: vmSize "x" is not a VM size name');
    expect(formatValidationProblem({ ...problem, subject: 'SimplifiedPool', constructPath: 'app/Pool' })).toBe('SimplifiedPool app/Pool: vmSize "x" is not a VM size name');
    expect(formatValidationProblem({ ...problem, subject: 'SimplifiedPool', constructPath: 'app/Pool', ruleId: 'BATCH-013' })).toBe(
      'SimplifiedPool app/Pool: [BATCH-013] vmSize "x" is not a VM size name',
    );
    expect(formatValidationProblem({ ...problem, subject: '' })).toBe('vmSize "x" is not a VM size name');
  });
});

describe('ValidationError', () => {
  test('carries every problem and shows one per line', () => {
    const problems: ValidationProblem[] = [
      { subject: 'BatchNetwork', constructPath: 'test/Network', path: 'addressSpace', value: '10.0.0.0/33', message: 'is not an IPv4 CIDR block' },
      { subject: 'BatchNetwork', constructPath: 'test/Network', path: 'baseName', value: 'a.', message: 'ends with a period' },
    ];
    const error = new ValidationError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe('BatchNetwork test/Network: addressSpace "10.0.0.0/33" is not an IPv4 CIDR block\nBatchNetwork test/Network: baseName "a." ends with a period');
  });

  test('fail throws free text, invalid throws one problem of a value object\'s options', () => {
    expect(validationErrorOf(() => fail('Port: 0 is not a port number.')).problems).toEqual([{ subject: '', path: '', value: undefined, message: 'Port: 0 is not a port number.' }]);
    const error = validationErrorOf(() => invalid('PoolScale.fixed', 'dedicatedNodes', -1, 'is negative; use 0 or more'));
    expect(error.message).toBe('PoolScale.fixed: dedicatedNodes -1 is negative; use 0 or more');
  });
});

describe('problems located at constructs', () => {
  test('locate names the construct class, or the factory an import was made with, and its path', () => {
    const stack = newStack();
    const plain = new Construct(stack, 'Plain');
    const imported = new Imported(stack, 'Hub');
    const problem = { path: 'subnetId', value: 'x', message: 'is not a subnet id' };
    expect(locate(plain, [problem])).toEqual([{ ...problem, subject: 'Construct', constructPath: 'test/Plain' }]);
    expect(locate(imported, [problem], 'SEC-008')).toEqual([{ ...problem, subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Hub', ruleId: 'SEC-008' }]);
  });

  test('throwIfProblems throws all problems at once, and nothing when there are none', () => {
    const scope = new Imported(newStack(), 'Hub');
    expect(() => throwIfProblems(scope, [])).not.toThrow();
    const error = validationErrorOf(() => throwIfProblems(scope, [
      { path: 'a', value: 1, message: 'is wrong' },
      { path: 'b', value: 2, message: 'is wrong too' },
    ]));
    expect(error.message).toBe('BatchNetwork.fromSubnetId test/Hub: a 1 is wrong\nBatchNetwork.fromSubnetId test/Hub: b 2 is wrong too');
    expect(validationErrorOf(() => failAt(scope, 'c', 3, 'is also wrong')).problems).toEqual([
      { subject: 'BatchNetwork.fromSubnetId', constructPath: 'test/Hub', path: 'c', value: 3, message: 'is also wrong' },
    ]);
  });
});

describe('mapping problems to the props users wrote', () => {
  /** Outer (think: the app) derived Middle's props (think: BatchRegion), which derived Leaf's (think: BatchNetwork). */
  function tree() {
    const stack = newStack();
    const outer = new Construct(stack, 'Outer');
    const middle = new Construct(outer, 'Middle');
    const leaf = new Construct(middle, 'Leaf');
    mapProblems(middle, (problem) => problem.path === 'addressSpace' ? { ...problem, subject: 'BatchRegion', path: 'addressSpace', message: `${problem.message} (network)` } : undefined);
    mapProblems(outer, (problem) => problem.subject === 'BatchRegion' ? { ...problem, subject: '', constructPath: undefined, path: `$.regions[0].${problem.path}` } : undefined);
    const [problem] = locate(leaf, [{ path: 'addressSpace', value: '10.0.0.0/33', message: 'is not a block' }]);
    return { stack, outer, middle, leaf, problem };
  }

  test('each construct above rewrites the problem, nearest first', () => {
    const { leaf, problem } = tree();
    expect(formatValidationProblem(mapped(leaf, problem))).toBe('$.regions[0].addressSpace "10.0.0.0/33" is not a block (network)');
  });

  test('a mapper that returns undefined leaves the problem as it is', () => {
    const { leaf, problem } = tree();
    const other = { ...problem, path: 'baseName' };
    expect(mapped(leaf, other)).toEqual(other);
  });

  test('recorded problems become error annotations in the users\' terms, stop synth, and are collected', () => {
    const { stack, leaf, problem } = tree();
    recordProblems(leaf, [problem]);
    expect(errorAnnotations(stack)).toEqual(['$.regions[0].addressSpace "10.0.0.0/33" is not a block (network)']);
    // The app's synth (what `cdktf synth` runs) refuses a stack with error annotations.
    expect(() => (stack.node.root as App).synth()).toThrow(/regions\[0\]\.addressSpace "10\.0\.0\.0\/33" is not a block/);
    expect(collectProblems(stack).map(formatValidationProblem)).toEqual(['$.regions[0].addressSpace "10.0.0.0/33" is not a block (network)']);
  });
});

describe('attempt', () => {
  test('returns what the build returns', () => {
    expect(attempt(new Construct(newStack(), 'At'), () => 42)).toBe(42);
  });

  test('records a ValidationError and goes on; other errors propagate', () => {
    const stack = newStack();
    const at = new Construct(stack, 'At');
    expect(attempt(at, () => invalid('Peer.ipv4', 'cidr', 'x', 'is not a block'))).toBeUndefined();
    expect(collectProblems(stack)).toEqual([{ subject: 'Peer.ipv4', path: 'cidr', value: 'x', message: 'is not a block' }]);
    expect(() => attempt(at, () => {
      throw new TypeError('a bug');
    })).toThrow(TypeError);
  });
});

describe('addCheck', () => {
  test('a check runs once at the end, whether synth or collectProblems asks first, and stops synth with its problems', () => {
    const stack = newStack();
    const scope = new Imported(stack, 'Hub');
    let runs = 0;
    let late = 'before';
    addCheck(scope, () => {
      runs += 1;
      return locate(scope, [{ path: 'pools', value: late, message: 'do not fit' }]);
    });
    late = 'after';
    expect(runs).toBe(0);
    expect(collectProblems(stack).map(formatValidationProblem)).toEqual(['BatchNetwork.fromSubnetId test/Hub: pools "after" do not fit']);
    expect(() => Testing.synth(stack, true)).toThrow(/BatchNetwork\.fromSubnetId test\/Hub: pools "after" do not fit/);
    expect(runs).toBe(1);
  });

  test('collectProblems lists refusals first, then what checks of the complete tree found', () => {
    const fixture = batchFixture(undefined, { network: { poolSubnetPrefix: '10.10.0.0/29' } });
    fixture.addPool({ name: 'big', scale: PoolScale.fixed({ dedicatedNodes: 10 }) });
    attempt(fixture.account, () => invalid('SimplifiedPool', 'vmSize', 'Standard_Nope', 'is not a VM size'));
    const problems = collectProblems(fixture.stack);
    expect(problems[0]).toMatchObject({ subject: 'SimplifiedPool', path: 'vmSize' });
    expect(problems.slice(1).map((problem) => problem.subject)).toEqual(['BatchNetwork']);
  });
});

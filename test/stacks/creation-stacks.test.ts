import { Lazy, Tokenization } from 'cdktf';
import { CREATION_FRAMES, shortenCreationStacks } from '../../stacks/creation-stacks';

/** test/setup.ts installs the hook in every test file, keeping no frames; here it keeps what the app keeps. */
describe('shortened token creation stacks', () => {
  beforeAll(() => shortenCreationStacks());
  afterAll(() => shortenCreationStacks(Number(process.env.TEST_CREATION_FRAMES ?? 0)));

  function makeToken(): string {
    return Lazy.stringValue({ produce: () => 'x' });
  }

  test('a token keeps the first frames outside node_modules of where it was made', () => {
    const [token] = Tokenization.reverseString(makeToken()).tokens;
    expect(token.creationStack.length).toBeGreaterThan(0);
    expect(token.creationStack.length).toBeLessThanOrEqual(CREATION_FRAMES);
    expect(token.creationStack.some((frame) => frame.includes('node_modules'))).toBe(false);
    expect(token.creationStack[0]).toMatch(/makeToken .*creation-stacks\.test\.ts/);
  });

  test('errors keep their whole stack, formatted as before the hook', () => {
    const nested = (depth: number): Error => (depth === 0 ? new Error('deep') : nested(depth - 1));
    const lines = nested(CREATION_FRAMES * 2).stack!.split('\n');
    expect(lines[0]).toBe('Error: deep');
    expect(lines.filter((line) => line.includes('creation-stacks.test.ts')).length).toBeGreaterThan(CREATION_FRAMES * 2);
    expect(lines.some((line) => line.includes('node_modules'))).toBe(true);
  });

  test('an error captured without a function to hide keeps its own frames, not the hook\'s', () => {
    const holder = new Error('captured');
    function captureHere(): void {
      Error.captureStackTrace(holder);
    }
    captureHere();
    const [, first] = holder.stack!.split('\n');
    expect(first).toMatch(/captureHere .*creation-stacks\.test\.ts/);
  });

  test('with no frames kept, a capture under a formatter of its own still gets what that formatter makes, as typescript-eslint reads call sites', () => {
    shortenCreationStacks(0);
    const own = Error.prepareStackTrace;
    try {
      Error.prepareStackTrace = (_error, callSites) => callSites;
      const holder: { stack?: unknown } = {};
      Error.captureStackTrace(holder);
      expect(Array.isArray(holder.stack)).toBe(true);
    } finally {
      Error.prepareStackTrace = own;
      shortenCreationStacks();
    }
    shortenCreationStacks(0);
    try {
      const holder: { stack?: unknown } = {};
      Error.captureStackTrace(holder);
      expect(holder.stack).toBe('Error');
    } finally {
      shortenCreationStacks();
    }
  });

  test('installing again keeps the one hook and changes only how many frames are kept', () => {
    const hooks = [Error.prepareStackTrace, Error.captureStackTrace];
    shortenCreationStacks(0);
    try {
      expect([Error.prepareStackTrace, Error.captureStackTrace]).toEqual(hooks);
      expect(Tokenization.reverseString(makeToken()).tokens[0].creationStack).toEqual([]);
    } finally {
      shortenCreationStacks();
    }
    expect(Tokenization.reverseString(makeToken()).tokens[0].creationStack.length).toBeGreaterThan(0);
  });
});

import { Lazy, Tokenization } from 'cdktf';
import { CREATION_FRAMES, shortenCreationStacks } from '../../stacks/creation-stacks';

/** test/setup.ts installs the hook in every test file, as the app's process does. */
describe('shortened token creation stacks', () => {
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

  test('installing twice keeps one hook', () => {
    const hook = Error.prepareStackTrace;
    shortenCreationStacks();
    expect(Error.prepareStackTrace).toBe(hook);
  });
});

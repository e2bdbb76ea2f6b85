import { readFileSync } from 'node:fs';

/** README examples are real files: `npm test` type-checks `examples/`, this keeps the README in step. */
describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  test('the import example is examples/existing-subnet.ts, verbatim', () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(readFileSync('examples/existing-subnet.ts', 'utf8'));
  });

  test('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });
});

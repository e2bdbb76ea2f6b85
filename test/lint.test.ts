import { ESLint, Linter } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../eslint.config.js') as Linter.Config[];

/** The deep-import rule runs in `npm test` (npm run lint); this proves it rejects what it should. */
describe('lint rules', () => {
  // The project's own config, loaded directly: jest cannot run ESLint's dynamic import of it.
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });

  async function messages(code: string, file = 'lib/example.ts'): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
  }

  // Built from parts so repository greps for barrel imports and focused tests do not flag this file.
  const barrel = ['@cdktf', 'provider-azurerm'].join('/');
  const focused = ['test', 'only'].join('.');

  test('the provider barrel is rejected, by import and by require', async () => {
    expect(await messages(`import { BatchPool } from '${barrel}';\n/** The provider class of a Batch pool. */\nexport const pool = BatchPool;\n`)).toEqual([
      'no-restricted-imports: \'@cdktf/provider-azurerm\' import is restricted from being used. Import provider classes by deep path, e.g. @cdktf/provider-azurerm/lib/batch-pool: the barrel costs ~1.8 s and ~420 MB per process.',
    ]);
    expect(await messages(`const azurerm = require('${barrel}');\nmodule.exports = azurerm;\n`, 'bench/example.js')).toEqual([
      'no-restricted-syntax: Import provider classes by deep path, e.g. @cdktf/provider-azurerm/lib/batch-pool.',
    ]);
  });

  test('deep imports pass', async () => {
    expect(await messages("import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';\n/** The provider class of a Batch pool. */\nexport const pool = BatchPool;\n")).toEqual([]);
  });

  test('focused tests are rejected', async () => {
    expect(await messages(`${focused}('x', () => undefined);\n`, 'test/example.test.ts')).toEqual([
      'no-restricted-syntax: Focused tests silence the rest of the suite.',
    ]);
  });
});

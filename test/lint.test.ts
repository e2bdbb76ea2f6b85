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

  test('deep imports pass where the engine may be named: the provider seam, tests, the bench', async () => {
    const code = "import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';\n/** The provider class of a Batch pool. */\nexport const pool = BatchPool;\n";
    for (const file of ['lib/azurerm.ts', 'test/example.test.ts', 'bench/example.ts']) expect([file, await messages(code, file)]).toEqual([file, []]);
  });

  test('elsewhere in lib/ and stacks/, the engine and the provider come through their seams only', async () => {
    const engine = "import { App } from 'cdktf';\n/** The app class. */\nexport const app = App;\n";
    const provider = "import { BatchPool } from '@cdktf/provider-azurerm/lib/batch-pool';\n/** The provider class of a Batch pool. */\nexport const pool = BatchPool;\n";
    const tokens = "import { resolve } from 'cdktf/lib/_tokens';\n/** Resolves. */\nexport const r = resolve;\n";
    const seam = 'no-restricted-imports: \'cdktf\' import is restricted from being used. Import the engine from lib/engine.ts, the one module that names it (the cdktn flavour is built from this source).';
    const deep = (name: string) => `no-restricted-imports: '${name}' import is restricted from being used by a pattern. Import the engine from lib/engine.ts and provider classes from lib/azurerm.ts, the only modules that name those packages (the cdktn flavour is built from this source).`;
    expect(await messages(engine, 'lib/region/example.ts')).toEqual([seam]);
    expect(await messages(engine, 'stacks/example.ts')).toEqual([seam]);
    expect(await messages(provider, 'lib/pool/example.ts')).toEqual([deep('@cdktf/provider-azurerm/lib/batch-pool')]);
    expect(await messages(tokens, 'lib/private/example.ts')).toEqual([deep('cdktf/lib/_tokens')]);
    expect(await messages(engine, 'lib/engine.ts')).toEqual([]);
  });

  test('focused tests are rejected', async () => {
    expect(await messages(`${focused}('x', () => undefined);\n`, 'test/example.test.ts')).toEqual([
      'no-restricted-syntax: Focused tests silence the rest of the suite.',
    ]);
  });
});

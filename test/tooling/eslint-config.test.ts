import { readFileSync } from 'node:fs';
import { ESLint, Linter } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js') as Linter.Config[] & { jsdocBlock: Linter.Config };

/**
 * eslint.config.js: the rules this repository adds, each proven on code that breaks it and code that
 * does not. One ESLint with the project's own config, loaded directly (jest cannot run ESLint's dynamic
 * import of it), serves every test: loading ESLint and its plugins costs about half a CPU-second.
 */
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });

/** What the project config reports on `code` as the file `file`. */
async function lint(code: string, file: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages;
}

/** The deep-import rule runs in `npm test` (npm run lint); this proves it rejects what it should. */
describe('lint rules', () => {
  async function messages(code: string, file = 'lib/example.ts'): Promise<string[]> {
    return (await lint(code, file)).map((message) => `${message.ruleId}: ${message.message}`);
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

/**
 * The JSDoc rules of issue 12 (every public symbol has JSDoc with a description), proven on their own:
 * eslint.config.js switches the block on for lib/ and exports it as `jsdocBlock`, which the first test
 * finds in the config these tests lint with.
 */
describe('jsdoc lint rule', () => {
  async function messages(code: string, file = 'lib/example.ts'): Promise<string[]> {
    return (await lint(code, file)).map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
  }

  const missing = (line: number, column: number): string => `${line}:${column} jsdoc/require-jsdoc: Missing JSDoc comment.`;
  const undescribed = (line: number, column: number): string => `${line}:${column} jsdoc/require-description: Missing JSDoc block description.`;

  test('the block is on in the project config', () => {
    expect(config).toContain(config.jsdocBlock);
  });

  test('an undocumented class property, interface property and enum member are rejected', async () => {
    const code = [
      '/** A documented class. */',
      'export class Widget {',
      '  public readonly size: number = 1;',
      '}',
      '/** A documented interface. */',
      'export interface WidgetProps {',
      '  readonly size?: number;',
      '}',
      '/** A documented enum. */',
      'export enum WidgetKind {',
      "  SMALL = 'Small',",
      '}',
      '',
    ].join('\n');
    expect(await messages(code)).toEqual([missing(3, 3), missing(7, 3), missing(11, 3)]);
  });

  test('undocumented exported declarations, methods, getters and parameter properties are rejected', async () => {
    const code = [
      'export class Widget {',
      '  constructor(public readonly size: number) {}',
      '  public static of(size: number): Widget { return new Widget(size); }',
      '  public get area(): number { return this.size * this.size; }',
      '  public grow(): Widget { return new Widget(this.size + 1); }',
      '}',
      'export interface WidgetProps { readonly size: number }',
      'export type WidgetSize = number;',
      'export function widget(): Widget { return new Widget(1); }',
      'export const DEFAULT_SIZE = 1;',
      '',
    ].join('\n');
    expect(await messages(code)).toEqual([
      missing(1, 8), missing(2, 15), missing(3, 19), missing(4, 18), missing(5, 14),
      missing(7, 8), missing(7, 32), missing(8, 8), missing(9, 8), missing(10, 1),
    ]);
  });

  test('documented public symbols, private and protected members, constructors and internals pass', async () => {
    const code = [
      '/** A documented class. */',
      'export class Widget {',
      '  /** Edge length in metres. */',
      '  public readonly size: number;',
      '  private readonly cache = new Map<string, number>();',
      '  protected readonly scale = 2;',
      '  readonly #secret = 3;',
      '  constructor(size: number, private readonly label = "w") {',
      '    this.size = size;',
      '  }',
      '  /** Area in square metres. */',
      '  public get area(): number { return this.size * this.size * this.scale + this.#secret; }',
      '  private describe(): string { return `${this.label}${this.cache.size}`; }',
      '  protected render(): string { return this.describe(); }',
      '}',
      '/** A documented interface. */',
      'export interface WidgetProps {',
      '  /** Edge length in metres. @default 1 */',
      '  readonly size?: number;',
      '}',
      '/** A documented enum. */',
      'export enum WidgetKind {',
      '  /** A small widget. */',
      "  SMALL = 'Small',",
      '}',
      'class Helper { public value = 1; }',
      'function helper(): Helper { return new Helper(); }',
      '/** Internals reached through a documented export. */',
      'export const HELPER = helper;',
      '',
    ].join('\n');
    expect(await messages(code)).toEqual([]);
  });

  test('empty and tag-only blocks are rejected: a description is required', async () => {
    const code = [
      '/** */',
      'export class Widget {',
      '  /** @default 1 */',
      '  public readonly size: number = 1;',
      '  /** */',
      '  public get area(): number { return this.size * this.size; }',
      '}',
      '/** A documented interface. */',
      'export interface WidgetProps {',
      '  /** @default 1 */',
      '  readonly size?: number;',
      '}',
      '/** A documented enum. */',
      'export enum WidgetKind {',
      '  /** */',
      "  SMALL = 'Small',",
      '}',
      '',
    ].join('\n');
    expect(await messages(code)).toEqual([undescribed(1, 1), undescribed(3, 3), undescribed(5, 3), undescribed(10, 3), undescribed(15, 3)]);
  });

  test('lib/private/ is internal and is not checked', async () => {
    expect(await messages('export class Internal {\n  public readonly size: number = 1;\n}\n', 'lib/private/internal.ts')).toEqual([]);
  });

  test('the lib/private/ modules lib/index.ts re-exports from are public and checked', async () => {
    const reexported = [...readFileSync('lib/index.ts', 'utf8').matchAll(/from '\.\/private\/([\w-]+)'/g)].map((match) => match[1]).sort();
    expect(reexported).toEqual(['problems', 'today']);
    for (const module of reexported) {
      expect(await messages('export const UNDOCUMENTED = 1;\n', `lib/private/${module}.ts`)).toEqual([missing(1, 1)]);
    }
  });
});

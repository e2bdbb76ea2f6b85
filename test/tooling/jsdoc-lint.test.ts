import { readFileSync } from 'node:fs';
import { ESLint, Linter } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js') as Linter.Config[] & { jsdocBlock: Linter.Config };

/**
 * The JSDoc rules of issue 12 (every public symbol has JSDoc with a description), proven on their own:
 * eslint.config.js switches the block on for lib/ and exports it as `jsdocBlock`.
 */
describe('jsdoc lint rule', () => {
  // The project's own config, loaded directly: jest cannot run ESLint's dynamic import of it.
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [...config, config.jsdocBlock] });

  async function messages(code: string, file = 'lib/example.ts'): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
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

// ESLint flat config. The rule that matters most here: the @cdktf/provider-azurerm barrel costs
// ~1.8 s and ~420 MB per process, so provider classes are imported by deep path only.
const tseslint = require('typescript-eslint');
const jsdoc = require('eslint-plugin-jsdoc');
const { IGNORED } = require('./scripts/lint-files');

// Every public symbol has JSDoc with a description (issue 12). "Public" is what lib/index.ts can
// re-export: declarations carrying `export` in lib/ outside lib/private/ (and in the lib/private/
// modules index.ts re-exports from), and their members that are not private, protected or #private.
// Exportedness is matched by the selectors below rather than by the rule's `publicOnly` option, which
// misses members of an exported enum, abstract class members and public constructor parameter
// properties whenever their parent declaration has a JSDoc block.
// test/tooling/eslint-config.test.ts checks that the config has this block, so it is exported below too.
const EXPORTED = ':matches(ExportNamedDeclaration, ExportDefaultDeclaration)';
const PUBLIC = ':not([accessibility="private"]):not([accessibility="protected"]):not([key.type="PrivateIdentifier"])';
const CLASS_BODY = `${EXPORTED} > ClassDeclaration > ClassBody`;
// lib/private/ is internal, except the modules lib/index.ts re-exports from (problems, today): they are
// read from index.ts, so the list cannot fall behind the entry point.
const REEXPORTED_PRIVATE = [...require('fs').readFileSync(require('path').join(__dirname, 'lib/index.ts'), 'utf8')
  .matchAll(/from '\.\/private\/([\w-]+)'/g)].map((match) => `!lib/private/${match[1]}.ts`);
const PUBLIC_CONTEXTS = [
  `${EXPORTED} > ClassDeclaration`,
  `${EXPORTED} > FunctionDeclaration`,
  `${EXPORTED} > TSDeclareFunction`,
  `${EXPORTED} > TSInterfaceDeclaration`,
  `${EXPORTED} > TSTypeAliasDeclaration`,
  `${EXPORTED} > TSEnumDeclaration`,
  // export const X = ...: the export statement carries the comment, not the declaration.
  'ExportNamedDeclaration[declaration.type="VariableDeclaration"]',
  `${EXPORTED} > TSEnumDeclaration TSEnumMember`,
  `${EXPORTED} > TSInterfaceDeclaration > TSInterfaceBody > :matches(TSPropertySignature, TSMethodSignature)`,
  `${EXPORTED} > TSTypeAliasDeclaration > TSTypeLiteral > :matches(TSPropertySignature, TSMethodSignature)`,
  `${CLASS_BODY} > PropertyDefinition${PUBLIC}`,
  // Methods, getters, setters and static methods; constructors are documented by their class.
  `${CLASS_BODY} > MethodDefinition${PUBLIC}:not([kind="constructor"]) > FunctionExpression`,
  `${CLASS_BODY} > :matches(TSAbstractPropertyDefinition, TSAbstractMethodDefinition)${PUBLIC}`,
  // constructor(public readonly x: T): a public property declared as a parameter.
  `${CLASS_BODY} > MethodDefinition[kind="constructor"] > FunctionExpression > TSParameterProperty${PUBLIC}`,
];
// The provider barrels: deep paths only.
const BARRELS = ['@cdktf/provider-azurerm', '@cdktn/provider-azurerm'].map((name) => ({
  name,
  message: `Import provider classes by deep path, e.g. ${name}/lib/batch-pool: the barrel costs ~1.8 s and ~420 MB per process.`,
}));

// The engine seam (issue 15): in lib/ and stacks/, only lib/engine.ts names the engine and only
// lib/azurerm.ts the provider bindings, so one source builds for cdktf and for cdktn.
const engineSeam = {
  files: ['lib/**/*.ts', 'stacks/**/*.ts'],
  ignores: ['lib/engine.ts', 'lib/azurerm.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [
        ...BARRELS,
        ...['cdktf', 'cdktn'].map((name) => ({ name, message: 'Import the engine from lib/engine.ts, the one module that names it (the cdktn flavour is built from this source).' })),
      ],
      patterns: [{
        group: ['cdktf/*', 'cdktn/*', '@cdktf/provider-azurerm/*', '@cdktn/provider-azurerm/*'],
        message: 'Import the engine from lib/engine.ts and provider classes from lib/azurerm.ts, the only modules that name those packages (the cdktn flavour is built from this source).',
      }],
    }],
  },
};

const jsdocBlock = {
  files: ['lib/**/*.ts'],
  ignores: ['lib/private/**', ...REEXPORTED_PRIVATE, '**/*.test.ts'],
  plugins: { jsdoc },
  rules: {
    'jsdoc/require-jsdoc': ['error', {
      // Everything is selected through `contexts`; the built-in `require` switches match any
      // declaration, exported or not.
      require: { FunctionDeclaration: false },
      // The fixer would insert empty /** */ blocks, which satisfy the rule and document nothing.
      enableFixer: false,
      // A setter shares the doc of its getter.
      checkSetters: 'no-getter',
      contexts: PUBLIC_CONTEXTS,
    }],
    // A block with tags only (`/** @default 1 */`) or nothing in it documents nothing: the same
    // symbols need a description in the body.
    'jsdoc/require-description': ['error', { contexts: PUBLIC_CONTEXTS, descriptionStyle: 'body' }],
  },
};

module.exports = tseslint.config(
  // scripts/lint-files.js: npm test hashes the files these leave to skip an unchanged lint.
  { ignores: IGNORED },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      'no-restricted-imports': ['error', { paths: BARRELS }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value=/^@cdkt[fn]\\/provider-azurerm$/]",
        message: 'Import provider classes by deep path, e.g. @cdktf/provider-azurerm/lib/batch-pool.',
      }, {
        selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
        message: 'Focused tests silence the rest of the suite.',
      }],
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests mutate loosely typed copies of configs; checks read synthesized JSON, which has no types.
    files: ['test/**/*.ts', 'lib/checks/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  engineSeam,
  jsdocBlock,
);
module.exports.jsdocBlock = jsdocBlock;

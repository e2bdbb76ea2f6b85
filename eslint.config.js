// ESLint flat config. The rule that matters most here: the @cdktf/provider-azurerm barrel costs
// ~1.8 s and ~420 MB per process, so provider classes are imported by deep path only.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{
          name: '@cdktf/provider-azurerm',
          message: 'Import provider classes by deep path, e.g. @cdktf/provider-azurerm/lib/batch-pool: the barrel costs ~1.8 s and ~420 MB per process.',
        }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-azurerm']",
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
);

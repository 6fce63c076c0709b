// @ts-check
// Lint of everything we write in TypeScript or JavaScript: `npm run lint` (and `npm test`, after the type check).
// typescript-eslint with type information, because the checks that matter most in an async server need it
// (no-floating-promises, no-misused-promises, await-thenable); a handful of formatting rules that the code already
// follows replaces a formatter, which would rewrite nearly every file.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.cache/', '.scratch/', 'test-output/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      // One program for the whole tsconfig (as `tsc --noEmit` builds it): faster than a project service per file.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter a signature requires (express's 4-argument error handler, callbacks); a rest
      // sibling drops a key from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: implementations of Promise-returning contracts (memory stores, fakes, handlers) are `async` without an
      // `await` on purpose, so that a throw becomes a rejection like in the real implementation.
      '@typescript-eslint/require-await': 'off',
      // Off: `any` enters only at I/O boundaries (untyped SQLite rows read by the mappers in sqlite-rows.ts, parsed
      // JSON in tests); no-explicit-any keeps it out of everything else, and these five rules would only re-report
      // each use of those values (about 300 places) while costing 40 % of the lint time.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off: with noUncheckedIndexedAccess off it calls every `xs[i]!` unnecessary, but the code writes those on
      // purpose to mark reads it knows are in range; and its fix is unsafe here: dropping
      // `import('@tensorflow/tfjs-node' as string)` (the optional dependency may be absent) and a cast in
      // load-shop.ts made `tsc` fail.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Formatting rules the code follows everywhere. Not line length, operator placement or indentation of wrapped
    // expressions: those vary on purpose (dense tables, nested conditionals) and enforcing them would rewrite most files.
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/semi-spacing': 'error',
      '@stylistic/semi-style': 'error',
      '@stylistic/no-extra-semi': 'error',
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/comma-spacing': 'error',
      '@stylistic/comma-style': 'error',
      '@stylistic/member-delimiter-style': 'error',
      '@stylistic/eol-last': 'error',
      '@stylistic/linebreak-style': ['error', 'unix'],
      '@stylistic/no-tabs': 'error',
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0 }],
      '@stylistic/no-multi-spaces': 'error',
      '@stylistic/padded-blocks': ['error', 'never'],
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/block-spacing': 'error',
      '@stylistic/keyword-spacing': 'error',
      '@stylistic/space-before-blocks': 'error',
      '@stylistic/space-before-function-paren': ['error', { anonymous: 'always', named: 'never', asyncArrow: 'always' }],
      '@stylistic/function-call-spacing': 'error',
      '@stylistic/space-in-parens': 'error',
      '@stylistic/space-infix-ops': 'error',
      '@stylistic/space-unary-ops': 'error',
      '@stylistic/key-spacing': 'error',
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/array-bracket-spacing': ['error', 'never'],
      '@stylistic/computed-property-spacing': 'error',
      '@stylistic/template-curly-spacing': 'error',
      '@stylistic/rest-spread-spacing': 'error',
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/arrow-spacing': 'error',
      '@stylistic/generator-star-spacing': ['error', { before: false, after: true }],
      '@stylistic/yield-star-spacing': 'error',
      '@stylistic/type-annotation-spacing': 'error',
      '@stylistic/type-generic-spacing': 'error',
      '@stylistic/dot-location': ['error', 'property'],
      '@stylistic/no-whitespace-before-property': 'error',
      '@stylistic/new-parens': 'error',
      '@stylistic/switch-colon-spacing': 'error',
      '@stylistic/spaced-comment': 'error',
      '@stylistic/wrap-iife': 'error',
    },
  },
  {
    // Row mappers: a better-sqlite3 or pg row is an untyped record; each mapper is the one place that reads it.
    files: ['src/store/sqlite/sqlite-rows.ts', 'src/store/postgres/postgres-rows.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests and their fakes read JSON of HTTP responses and platform payloads without a schema on purpose.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript (bootstraps, this file) and vitest's config are outside tsconfig.json: no type information.
    files: ['**/*.mjs', '**/*.js', 'vitest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

// Lint: typescript-eslint's type-aware recommended rules; formatting is Prettier's (.prettierrc.json).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  prettier,
  {
    // Prettier wraps code at 140 columns but leaves long strings, comments and templates alone.
    rules: {
      'max-len': ['error', { code: 140, tabWidth: 2 }],
      // `const { key: _key, ...rest } = value` is how the code leaves a key out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read HTTP answers and database rows as untyped JSON on purpose: asserting their shape is
    // what the test is for, so the rules against `any` (using it, or naming it for such a value) do not apply there.
    files: ['test/**/*.ts'],
    ignores: ['test/bench/**', 'test/chaos/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);

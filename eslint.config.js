import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'data/', 'node_modules/', 'coverage/', 'public/vendor/', 'test-results/', 'bench/.*'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The domain is pure: no I/O, no outer layers (STYLE.md, "Dependencies point inward").
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/web/**', '**/jobs/**', '**/store/**', '**/pipeline/**'],
              message: 'domain code must not depend on outer layers',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'node:net',
                'node:http',
                'node:child_process',
                'chokidar',
                'lowdb',
              ],
              message: 'domain code does no I/O',
            },
          ],
        },
      ],
    },
  },
  prettier,
);

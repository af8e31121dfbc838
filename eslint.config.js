import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/migrations/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read environment variables only in config.ts' },
      ],
    },
  },
  {
    files: ['**/config.ts', '**/*.test.ts', 'test/**', '**/bench/**', '**/testing/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);

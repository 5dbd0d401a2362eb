import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'tests/fixtures/**',
      'coverage/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Page text is data, never HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text is data: use textContent or DOM building.' },
        { property: 'outerHTML', message: 'Page text is data: use textContent or DOM building.' },
        { property: 'insertAdjacentHTML', message: 'Page text is data: use DOM building.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Page text is data, never HTML.',
        },
      ],
    },
  },
  {
    // Tests build pages the way sites do (document.write, outerHTML reads): the rule guards product code.
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);

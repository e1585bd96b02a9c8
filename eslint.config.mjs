import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const channelSdks = [
  'botbuilder',
  'botbuilder-*',
  'ask-sdk',
  'ask-sdk-*',
  'restify',
  'restify-*',
  'botframework-*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '*.config.js',
      '*.config.mjs',
      'src/channels/webchat/public/**',
      'appPackage/build/**',
      'build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core knows nothing of channels: no channel SDK may be imported under src/core/.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: channelSdks,
              message: 'src/core is channel-neutral: keep channel SDKs in src/channels/.',
            },
            {
              group: ['**/channels/**', '**/server'],
              message: 'src/core must not depend on channels or the server.',
            },
          ],
        },
      ],
    },
  },
);

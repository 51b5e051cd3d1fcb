// ESLint flat config: typescript-eslint with type-checked rules, and import boundaries that keep the
// layers apart (src/ never reaches host/ or cloud functions; one function never imports another;
// core/ imports neither side).
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` drags every zod locale (~370 KB) into each bundle; the namespace import tree-shakes.
const ZOD_NAMED = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Use `import * as z from 'zod'`.",
};

const FUNCTION_NAMES = ['account', 'content', 'points', 'mall', 'insight'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      '.tmp/**',
      'coverage/**',
      'test-output/**',
      'cloudfunctions/*/index.js',
      'src/components/native/**/*.js',
      'host/functions/fixtures/**',
      '**/*.config.js',
      '**/*.mjs',
      'babel.config.js',
      // AssemblyScript (compiled by scripts/build-kernels.mjs, type-checked by asc).
      'server/variation/image/kernels/assembly/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // `import { z } from 'zod'` drags every zod locale (~370 KB) into each function bundle.
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ZOD_NAMED],
    },
  },
  {
    // Identity and configuration each have one reader (CONVENTIONS rules 4 and 12).
    files: ['server/**', 'cloudfunctions/**'],
    ignores: ['server/env.ts', 'server/kit/runtime.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ZOD_NAMED,
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through server/env.ts.',
        },
        {
          selector: "CallExpression[callee.property.name='getWXContext']",
          message: 'Only the function kit (server/kit/runtime.ts) reads the caller identity.',
        },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/host/**', 'host/*'], message: 'The app never imports the local cloud.' },
            { group: ['**/cloudfunctions/**'], message: 'The app never imports cloud function code.' },
            { group: ['**/server/**'], message: 'The app never imports server code.' },
            { group: ['wx-server-sdk'], message: 'wx-server-sdk is server-only.' },
            {
              group: ['zod'],
              message: 'The app imports contract types only (import type), keeping zod out of the bundle.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/**', '**/cloudfunctions/**', '**/server/**', '**/src/**'],
              message: 'core/ is isomorphic: no host, server, app or function code.',
            },
            { group: ['wx-server-sdk', '@tarojs/*'], message: 'core/ imports no wx or Taro code.' },
          ],
        },
      ],
    },
  },
  ...FUNCTION_NAMES.map((name) => ({
    files: [`cloudfunctions/${name}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...FUNCTION_NAMES.filter((other) => other !== name).map((other) => ({
              group: [`**/cloudfunctions/${other}/**`, `../../${other}/**`, `../${other}/**`],
              message: 'One cloud function never imports another: share code through server/ or core/.',
            })),
            { group: ['**/host/**', '**/src/**'], message: 'Cloud functions never import the local cloud or the app.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/**', '**/src/**', '**/cloudfunctions/**'],
              message: 'server/ is shared function code: no host, app or function imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);

// ESLint flat config: typescript-eslint with type-checked rules, the import boundaries between the
// top-level folders (scripts/lint/boundaries.cjs, proven folder by folder by its test), and the rules
// that keep identity and configuration in one reader each.
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint/boundaries.cjs';

// `import { z } from 'zod'` drags every zod locale (~370 KB) into each bundle; the namespace import tree-shakes.
const ZOD_NAMED = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Use `import * as z from 'zod'`.",
};

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
    // Plain JavaScript modules (the start/test scripts, this config) are outside the TypeScript
    // project: linted without type information, boundaries included.
    files: ['**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...boundaries.boundaryConfigs,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ZOD_NAMED],
    },
  },
  {
    // Identity and configuration each have one reader: the kit reads the caller, server/env.ts the settings.
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

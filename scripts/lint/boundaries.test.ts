/**
 * The import boundaries, folder by folder: for each top-level folder a file that crosses into a
 * folder it may not use (by a relative path and by an alias) must fail the lint with the boundary
 * error, and the imports it may make must pass. The files are virtual (linted with ESLint's Node
 * API and the boundary rules alone, no type information); a second test checks that the
 * repository's eslint.config.mjs turns the same rule on for every folder.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaryConfigs, LAYERS } from './boundaries.cjs';

const ROOT = path.resolve(__dirname, '..', '..');
const RULE = 'siyu/boundaries';

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.cjs'], languageOptions: { parser: tseslint.parser } },
    ...boundaryConfigs,
  ],
});

/** The boundary messages for one line of code in a file at `file` (repository-relative). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${file} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

const imp = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

interface FolderCase {
  /** A file in the folder (need not exist). */
  file: string;
  /** Imports the folder must not make: a relative path and an alias at least. */
  refused: { code: string; message: RegExp }[];
  /** Imports it may make. */
  allowed: string[];
}

/** An import from folder `from` (as the message names it) to `spec`, refused as a crossing into `to`. */
const crossing = (from: string, spec: string, to: string) => ({
  code: imp(spec),
  message: new RegExp(`^${from}/ may not import ${to}`),
});
const pkg = (spec: string) => ({ code: imp(spec), message: /may not use the package/ });

const CASES: Record<string, FolderCase> = {
  core: {
    file: 'core/contracts/probe.ts',
    refused: [
      crossing('core', '../../server/env', 'server/'),
      crossing('core', '@server/env', 'server/'),
      crossing('core', '@/lib/cloud/call', 'src/'),
      crossing('core', '../../host/index', 'host/'),
      { code: "export * from '@server/ids';\n", message: /^core\/ may not import server\// },
      { code: "export async function f() { return import('../../host/index'); }\n", message: /^core\/ may not/ },
      { code: "import type { A } from '@server/db/types';\nexport type B = A;\n", message: /^core\/ may not/ },
      pkg('node:crypto'),
      pkg('sharp'),
      pkg('wx-server-sdk'),
      pkg('@tarojs/taro'),
    ],
    allowed: [imp('../errors'), imp('@core/limits'), "import * as z from 'zod';\nexport const s = z.string();\n"],
  },
  server: {
    file: 'server/db/probe.ts',
    refused: [
      crossing('server', '../../host/config', 'host/'),
      crossing('server', '@/lib/cloud/call', 'src/'),
      crossing('server', '../../cloudfunctions/account/src/index', 'cloudfunctions/account/'),
      crossing('server', '../../scripts/build-functions', 'scripts/'),
      pkg('better-sqlite3'),
      pkg('@tarojs/taro'),
    ],
    allowed: [imp('@core/errors'), imp('../env'), imp('@server/kit'), imp('sharp'), imp('node:fs'), imp('fs')],
  },
  cloudfunctions: {
    file: 'cloudfunctions/account/src/probe.ts',
    refused: [
      crossing('cloudfunctions/account', '../../mall/src/index', 'cloudfunctions/mall/'),
      crossing('cloudfunctions/account', '@/app', 'src/'),
      crossing('cloudfunctions/account', '../../../host/index', 'host/'),
      crossing('cloudfunctions/account', '../../../test/support/local-cloud', 'test/support/'),
      { code: imp('../../../../host/index'), message: /climbs four folders/ },
      pkg('better-sqlite3'),
    ],
    allowed: [imp('@server/kit'), imp('@core/contracts/account'), imp('./rules/invite'), imp('wx-server-sdk')],
  },
  src: {
    file: 'src/features/content/probe.ts',
    refused: [
      crossing('src', '../../../server/env', 'server/'),
      crossing('src', '@server/env', 'server/'),
      crossing('src', '../../../host/index', 'host/'),
      crossing('src', '../../../cloudfunctions/content/src/index', 'cloudfunctions/content/'),
      crossing('src', '../../../test/support/local-cloud', 'test/support/'),
      { code: "import * as z from 'zod';\nexport const s = z.string();\n", message: /types only/ },
      pkg('wx-server-sdk'),
      pkg('node:fs'),
      pkg('@node-rs/jieba'),
    ],
    allowed: [
      imp('@core/limits'),
      imp('@/lib/cloud/call'),
      imp('./api'),
      imp('@tarojs/taro'),
      "import type { ZodType } from 'zod';\nexport type S = ZodType;\n",
    ],
  },
  host: {
    file: 'host/http/probe.ts',
    refused: [
      crossing('host', '../../scripts/build-functions', 'scripts/'),
      crossing('host', '@/app', 'src/'),
      crossing('host', '../../cloudfunctions/account/src/index', 'cloudfunctions/account/'),
      crossing('host', '../../test/support/local-cloud', 'test/support/'),
      crossing('host', '../../config/index', 'config/'),
    ],
    // `../config` from host/http/ is host/config.ts, not the Taro config folder.
    allowed: [imp('../config'), imp('@server/config/settings'), imp('@core/db/schema'), imp('better-sqlite3')],
  },
  scripts: {
    file: 'scripts/probe.ts',
    refused: [
      crossing('scripts', '../host/index', 'host/'),
      crossing('scripts', '@/app', 'src/'),
      crossing('scripts', '../cloudfunctions/account/src/index', 'cloudfunctions/account/'),
      crossing('scripts', '../test/support/local-cloud', 'test/support/'),
      crossing('scripts', '../bench/support/stats', 'bench/'),
    ],
    allowed: [imp('./build-functions'), imp('@server/config/settings'), imp('@core/db/schema'), imp('esbuild')],
  },
  config: {
    file: 'config/probe.ts',
    refused: [
      crossing('config', '../scripts/build-functions', 'scripts/'),
      crossing('config', '@core/limits', 'core/'),
    ],
    allowed: [imp('./dev'), imp('@tarojs/cli'), imp('node:path')],
  },
  test: {
    file: 'test/integration/probe.ts',
    refused: [
      crossing('test', '../../src/app', 'src/'),
      crossing('test', '@/app', 'src/'),
      crossing('test', '../../cloudfunctions/account/src/index', 'cloudfunctions/account/'),
      crossing('test', '../../bench/support/stats', 'bench/'),
    ],
    allowed: [
      imp('../support/local-cloud'),
      imp('../../host/index'),
      imp('../../scripts/build-functions'),
      imp('@core/contracts'),
      imp('@server/ledger/calendar'),
    ],
  },
  bench: {
    file: 'bench/support/probe.ts',
    refused: [
      crossing('bench', '../../src/app', 'src/'),
      crossing('bench', '@/app', 'src/'),
      crossing('bench', '../../test/integration/mall-helpers', 'test/integration/'),
      crossing('bench', '../../cloudfunctions/mall/src/index', 'cloudfunctions/mall/'),
    ],
    allowed: [
      imp('../../test/support/local-cloud'),
      imp('../../test/fixtures/variation/images'),
      imp('../../host/index'),
      imp('../../scripts/build-functions'),
      imp('@server/variation/stats'),
    ],
  },
  types: {
    file: 'types/probe.d.ts',
    refused: [crossing('types', '../src/app', 'src/'), crossing('types', '@core/limits', 'core/')],
    allowed: ["import 'react';\n"],
  },
};

it('has a case for every layer the rule knows', () => {
  expect(Object.keys(CASES).sort()).toEqual(LAYERS.map((l) => l.layer).sort());
});

describe.each(Object.entries(CASES))('%s/', (_layer, c) => {
  it.each(c.refused.map((r) => [r.code.split('\n')[0], r] as const))('refuses %s', async (_label, r) => {
    const errors = await boundaryErrors(c.file, r.code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(r.message);
  });

  it.each(c.allowed.map((code) => [code.split('\n')[0], code] as const))('allows %s', async (_label, code) => {
    expect(await boundaryErrors(c.file, code)).toEqual([]);
  });
});

describe('tests beside the code', () => {
  it('may import the test support, fixtures and mocks, and nothing else of test/', async () => {
    expect(await boundaryErrors('host/seed/seed.test.ts', imp('../../test/support/local-cloud'))).toEqual([]);
    expect(
      await boundaryErrors('server/variation/text/vary.test.ts', imp('../../../test/fixtures/variation/posts')),
    ).toEqual([]);
    expect(await boundaryErrors('src/features/account/x.test.tsx', imp('../../../test/mocks/taro'))).toEqual([]);
    expect(await boundaryErrors('host/seed/seed.test.ts', imp('../../test/integration/mall-helpers'))).toEqual([
      expect.stringMatching(/^host\/ may not import test\/integration\//),
    ]);
    expect(await boundaryErrors('src/features/account/x.test.tsx', imp('../../../server/env'))).toEqual([
      expect.stringMatching(/^src\/ may not import server\//),
    ]);
  });

  it('may use packages the shipped code may not (a jsdom test reading a file with node:fs)', async () => {
    expect(await boundaryErrors('src/components/x.sim.test.ts', imp('node:fs'))).toEqual([]);
    expect(await boundaryErrors('src/components/x.ts', imp('node:fs'))).toHaveLength(1);
  });
});

it('asks for the alias when a relative path reaches core/ or server/ from another folder', async () => {
  expect(await boundaryErrors('cloudfunctions/account/src/probe.ts', imp('../../../server/kit'))).toEqual([
    'Import server/ through @server/… rather than a relative path.',
  ]);
  expect(await boundaryErrors('host/probe.ts', imp('../core/errors'))).toEqual([
    'Import core/ through @core/… rather than a relative path.',
  ]);
});

it('covers require() and import = require() as well as import statements', async () => {
  expect(
    await boundaryErrors('scripts/probe.cjs', "const h = require('../host/index');\nmodule.exports = h;\n"),
  ).toHaveLength(1);
  expect(
    await boundaryErrors('core/probe.ts', "import h = require('../host/index');\nexport default h;\n"),
  ).toHaveLength(1);
});

it("is turned on by the repository's eslint.config.mjs for a file in every folder", () => {
  const files = [
    ...Object.values(CASES).map((c) => c.file),
    'cloudfunctions/mall/src/index.ts',
    'src/pages/index/index.tsx',
    'scripts/start.mjs',
  ];
  // eslint.config.mjs is an ES module: ESLint loads it with import(), which needs a plain Node process.
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = {};
    for (const file of JSON.parse(process.argv[1])) {
      const config = await eslint.calculateConfigForFile(file);
      out[file] = config?.rules?.[${JSON.stringify(RULE)}] ?? null;
    }
    console.log(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const severities = JSON.parse(stdout) as Record<string, unknown>;
  for (const file of files) {
    const setting = severities[file];
    expect({ file, severity: Array.isArray(setting) ? setting[0] : setting }).toEqual({ file, severity: 2 });
  }
});

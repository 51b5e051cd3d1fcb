import fs from 'node:fs';
import path from 'node:path';
import { BuildError, buildFunctions } from './build-functions';

// Inside the repo (git-ignored .tmp/) so the bundled sources resolve packages from node_modules.
const TMP_ROOT = path.resolve(__dirname, '..', '.tmp');
let dir: string;

function writeFunction(name: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, name, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

const GOOD_PACKAGE = JSON.stringify({ name: 'x', dependencies: { 'wx-server-sdk': '4.0.2' } });
const GOOD_CONFIG = JSON.stringify({
  timeout: 5,
  triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }],
});

beforeEach(() => {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  dir = fs.mkdtempSync(path.join(TMP_ROOT, 'build-functions-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('bundles src/index.ts into a CommonJS index.js exporting main, with shared code inlined and the SDK external', async () => {
  writeFunction('hello', {
    'src/index.ts': [
      "import { z } from 'zod';",
      "import * as cloud from 'wx-server-sdk';",
      "import { greet } from './greet';",
      'export const main = async (event: unknown) => ({ text: greet(z.object({ who: z.string() }).parse(event).who), sdk: typeof cloud.init });',
    ].join('\n'),
    'src/greet.ts': 'export const greet = (who: string): string => `你好，${who}`;',
    'package.json': GOOD_PACKAGE,
    'config.json': GOOD_CONFIG,
  });
  const [built] = await buildFunctions({ quiet: true, dir });
  expect(built?.name).toBe('hello');
  const code = fs.readFileSync(path.join(dir, 'hello', 'index.js'), 'utf8');
  expect(code).toContain('require("wx-server-sdk")');
  expect(code).not.toContain('require("zod")');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle as WeChat would
  const mod = require(path.join(dir, 'hello', 'index.js')) as { main: (e: unknown) => Promise<unknown> };
  await expect(mod.main({ who: '小林' })).resolves.toEqual({ text: '你好，小林', sdk: 'function' });
});

test('lists every problem of a function folder at once', async () => {
  writeFunction('nopkg', { 'src/index.ts': 'export const main = async () => 1;', 'config.json': '{}' });
  writeFunction('devdeps', {
    'src/index.ts': 'export const main = async () => 1;',
    'package.json': JSON.stringify({
      dependencies: { 'wx-server-sdk': '4.0.2', zod: '4' },
      devDependencies: { jest: '29' },
    }),
    'config.json': '{}',
  });
  writeFunction('undeclared', {
    'src/index.ts': "import sharp from 'sharp';\nexport const main = async () => typeof sharp;",
    'package.json': GOOD_PACKAGE,
    'config.json': '{}',
  });
  writeFunction('badcron', {
    'src/index.ts': 'export const main = async () => 1;',
    'package.json': GOOD_PACKAGE,
    'config.json': JSON.stringify({ triggers: [{ name: 'x', type: 'timer', config: '0 0 2 * * *' }] }),
  });
  writeFunction('noconfig', { 'src/index.ts': 'export const main = async () => 1;', 'package.json': GOOD_PACKAGE });
  writeFunction('broken', {
    'src/index.ts': 'export const main = async () => {',
    'package.json': GOOD_PACKAGE,
    'config.json': '{}',
  });

  const err = (await buildFunctions({ quiet: true, dir }).catch((e: unknown) => e)) as BuildError;
  expect(err).toBeInstanceOf(BuildError);
  const text = err.problems.join('\n');
  expect(text).toMatch(/nopkg: package.json is missing/);
  expect(text).toMatch(/devdeps: package.json has devDependencies/);
  expect(text).toMatch(/devdeps: package.json depends on zod/);
  expect(text).toMatch(/undeclared: the bundle requires sharp but package.json does not declare it/);
  expect(text).toMatch(/badcron: .*config.json: triggers.0.config/);
  expect(text).toMatch(/noconfig: config.json is missing/);
  expect(text).toMatch(/broken: bundling failed/);
});

test('builds nothing, quietly, when there are no functions', async () => {
  await expect(buildFunctions({ quiet: true, dir })).resolves.toEqual([]);
  await expect(buildFunctions({ quiet: true, dir: path.join(dir, 'absent') })).resolves.toEqual([]);
});

test('refuses a name that has no source', async () => {
  await expect(buildFunctions({ quiet: true, dir, names: ['ghost'] })).rejects.toThrow(/ghost: no /);
});

test('skips an up-to-date function and rebuilds it when one of its sources changes', async () => {
  writeFunction('cached', {
    'src/index.ts': "import { n } from './n';\nexport const main = async () => n;",
    'src/n.ts': 'export const n = 1;',
    'package.json': GOOD_PACKAGE,
    'config.json': '{}',
  });
  expect((await buildFunctions({ quiet: true, dir }))[0]?.cached).toBe(false);
  expect((await buildFunctions({ quiet: true, dir }))[0]?.cached).toBe(true);
  // A later mtime than the build, as an editor's save would give.
  const later = new Date(Date.now() + 2000);
  fs.writeFileSync(path.join(dir, 'cached', 'src', 'n.ts'), 'export const n = 2;');
  fs.utimesSync(path.join(dir, 'cached', 'src', 'n.ts'), later, later);
  expect((await buildFunctions({ quiet: true, dir }))[0]?.cached).toBe(false);
  expect(fs.readFileSync(path.join(dir, 'cached', 'index.js'), 'utf8')).toContain('n = 2');
  expect((await buildFunctions({ quiet: true, dir, force: true }))[0]?.cached).toBe(false);
});

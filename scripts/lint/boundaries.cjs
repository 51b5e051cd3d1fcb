'use strict';
/**
 * The import boundaries between the repository's top-level folders, as one ESLint rule
 * (`siyu/boundaries`). Every import, export-from, dynamic import() and require() with a literal
 * path is resolved the way the bundler, jest and tsc resolve it — relative paths against the file,
 * the aliases `@core/…`, `@server/…` and `@/…` (src) to their folders — and the folder it lands in
 * must be one the importing folder may use. `import '../server/x'` and `import '@server/x'` are the
 * same crossing.
 *
 * Also checked: the packages a layer may use (core/ only zod; server/ and functions a short list),
 * cross-folder imports into core/ and server/ through their aliases, and no path with four `../`.
 *
 * CommonJS so that eslint.config.mjs and the jest test that proves each boundary load the same
 * rules. LAYERS is the one list; the README's architecture section describes it.
 */
const path = require('node:path');
const { builtinModules } = require('node:module');

const ROOT = path.resolve(__dirname, '..', '..');

/** Folders beside the code that a test file (`*.test.ts(x)`) anywhere may import. */
const TEST_SUPPORT = ['test/support', 'test/fixtures', 'test/mocks'];

/** Packages the shared function code and the functions may use (what each function's package.json provides, or esbuild bundles). */
const FUNCTION_PACKAGES = ['zod', 'wx-server-sdk', 'sharp', '@node-rs/jieba', 'exceljs', 'node:*'];

/**
 * What each folder may import. `may`: folders (a `cloudfunctions/<fn>` folder may name itself as
 * `own-function`; `test/support` and the like are parts of test/). `packages.only`: the packages it
 * may use (`node:*` = Node's built-in modules); `packages.refuse`: packages it must not use;
 * `packages.typeOnly`: packages it may import for types only. Package rules apply to shipped code,
 * not to the tests beside it.
 */
const LAYERS = [
  {
    layer: 'core',
    may: ['core'],
    packages: { only: ['zod'] },
    why: 'core/ is isomorphic (app and functions): it imports only zod and core/ itself',
  },
  {
    layer: 'server',
    may: ['core', 'server'],
    packages: { only: FUNCTION_PACKAGES },
    why: 'server/ is code shared by the cloud functions: it imports only core/ and server/',
  },
  {
    layer: 'cloudfunctions',
    may: ['core', 'server', 'own-function'],
    packages: { only: FUNCTION_PACKAGES },
    why: 'a cloud function imports core/, server/ and its own folder: never another function, the app or the local cloud',
  },
  {
    layer: 'src',
    may: ['core', 'src'],
    packages: { refuse: ['wx-server-sdk', 'sharp', '@node-rs/jieba', 'exceljs', 'node:*'], typeOnly: ['zod'] },
    why: 'the app imports core/ (limits, contract types) and src/ only: server code, functions and the local cloud stay out of the mini-program',
  },
  {
    layer: 'host',
    may: ['core', 'server', 'host'],
    why: 'the local cloud imports core/, server/ and host/; it loads the built function bundles by path at run time, never their source',
  },
  {
    layer: 'scripts',
    may: ['core', 'server', 'scripts'],
    why: 'scripts import core/, server/ and scripts/: never the local cloud, the app or function source',
  },
  {
    layer: 'config',
    may: ['config'],
    why: 'the Taro build configuration imports nothing of the project',
  },
  {
    layer: 'test',
    may: ['core', 'server', 'host', 'scripts', 'test'],
    why: 'cross-domain tests reach the product through the local cloud (built bundles): never app or function source, nor benches',
  },
  {
    layer: 'bench',
    may: ['core', 'server', 'host', 'scripts', 'bench', 'test/support', 'test/fixtures'],
    why: 'benches import core/, server/, host/, scripts/, bench/ and the test support and fixtures: never app or function source',
  },
  {
    layer: 'types',
    may: ['types'],
    why: 'ambient declarations import no project code',
  },
];

const LAYER_OF = new Map(LAYERS.map((l) => [l.layer, l]));
const FOLDERS = new Set(LAYERS.map((l) => l.layer));
const ALIASES = [
  { prefix: '@core/', folder: 'core' },
  { prefix: '@server/', folder: 'server' },
  { prefix: '@/', folder: 'src' },
];
const BUILTINS = new Set(builtinModules);

const posix = (p) => p.split(path.sep).join('/');

/** `core`, `cloudfunctions/account`, … for a repository-relative path; `root` for files at the top, `outside` beyond it. */
function areaOf(rel) {
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return 'outside';
  const parts = rel.split('/');
  if (parts.length === 1 || !FOLDERS.has(parts[0])) return 'root';
  if (parts[0] === 'cloudfunctions') return `cloudfunctions/${parts[1]}`;
  return parts[0];
}

const layerOfArea = (area) => (area.startsWith('cloudfunctions/') ? 'cloudfunctions' : area);
const isTestFile = (rel) => /\.test\.(ts|tsx|js)$/.test(rel);

/** Where a specifier lands: a repository-relative path, or a package name. */
function resolve(spec, fileRel) {
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    return { rel: posix(path.posix.normalize(path.posix.join(path.posix.dirname(fileRel), spec))), relative: true };
  }
  for (const a of ALIASES) if (spec.startsWith(a.prefix)) return { rel: `${a.folder}/${spec.slice(a.prefix.length)}` };
  // tsconfig's baseUrl makes `host/index` resolve from the root for tsc: treat it as the folder it names.
  const first = spec.split('/')[0];
  if (FOLDERS.has(first) && spec.includes('/')) return { rel: spec };
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : first;
  return { pkg: spec.startsWith('node:') || BUILTINS.has(pkg) ? 'node:*' : pkg, name: pkg };
}

/** Whether folder entry `entry` of a `may` list admits `rel` (in area `area`) for a file in `ownArea`. */
function admits(entry, rel, area, ownArea) {
  if (entry === 'own-function') return area === ownArea;
  if (entry.includes('/')) return rel === entry || rel.startsWith(`${entry}/`);
  return area === entry;
}

/** How a crossing names its target: the folder, and test/'s part (test/integration/ is not test/support/). */
function describeArea(rel, area) {
  if (area === 'root') return 'files at the repository root';
  if (area === 'outside') return 'files outside the repository';
  return area === 'test' ? `${rel.split('/').slice(0, 2).join('/')}/` : `${area}/`;
}

/** The problem with importing `spec` from `fileRel` (type-only when `typeOnly`), or null. */
function check(fileRel, spec, typeOnly) {
  const ownArea = areaOf(fileRel);
  const layer = LAYER_OF.get(layerOfArea(ownArea));
  if (!layer) return null;
  const test = isTestFile(fileRel);
  const target = resolve(spec, fileRel);
  if (target.pkg !== undefined) {
    const rules = layer.packages;
    if (!rules || test) return null;
    if (rules.typeOnly?.includes(target.pkg) && typeOnly) return null;
    if (rules.typeOnly?.includes(target.pkg))
      return { messageId: 'typeOnly', data: { pkg: target.name, why: layer.why } };
    const refused = rules.only ? !rules.only.includes(target.pkg) : (rules.refuse ?? []).includes(target.pkg);
    return refused ? { messageId: 'package', data: { from: ownArea, pkg: target.name, why: layer.why } } : null;
  }
  const area = areaOf(target.rel);
  if ((spec.match(/\.\.\//g) ?? []).length >= 4) return { messageId: 'tooDeep', data: { spec } };
  const may = test ? [...layer.may, ...TEST_SUPPORT] : layer.may;
  if (!may.some((entry) => admits(entry, target.rel, area, ownArea)))
    return { messageId: 'crossing', data: { from: ownArea, to: describeArea(target.rel, area), why: layer.why } };
  if (target.relative && area !== ownArea && (area === 'core' || area === 'server'))
    return { messageId: 'alias', data: { to: area, alias: `@${area}/` } };
  return null;
}

/** Type-only: `import type`, `export type`, or every specifier marked `type`. */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return specs.length > 0 && specs.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

const literal = (node) =>
  node?.type === 'Literal' && typeof node.value === 'string'
    ? node.value
    : node?.type === 'TemplateLiteral' && node.expressions.length === 0
      ? node.quasis[0].value.cooked
      : undefined;

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each top-level folder to the folders and packages its layer may import' },
    schema: [],
    messages: {
      crossing: '{{from}}/ may not import {{to}}: {{why}}.',
      package: '{{from}}/ may not use the package {{pkg}}: {{why}}.',
      typeOnly: 'The app imports {{pkg}} for types only (import type), so it stays out of the bundle.',
      alias: 'Import {{to}}/ through {{alias}}… rather than a relative path.',
      tooDeep: '{{spec}} climbs four folders: use an alias (@core/, @server/, @/) instead.',
    },
  },
  create(context) {
    const fileRel = posix(path.relative(ROOT, context.filename));
    const visit = (node, source, typeOnly = false) => {
      const spec = literal(source);
      if (spec === undefined) return;
      const problem = check(fileRel, spec, typeOnly);
      if (problem) context.report({ node: source, ...problem });
    };
    return {
      ImportDeclaration: (n) => visit(n, n.source, isTypeOnly(n)),
      ExportNamedDeclaration: (n) => n.source && visit(n, n.source, isTypeOnly(n)),
      ExportAllDeclaration: (n) => visit(n, n.source, n.exportKind === 'type'),
      ImportExpression: (n) => visit(n, n.source),
      TSImportType: (n) => visit(n, n.argument?.literal ?? n.argument, true),
      TSImportEqualsDeclaration: (n) =>
        n.moduleReference.type === 'TSExternalModuleReference' &&
        visit(n, n.moduleReference.expression, n.importKind === 'type'),
      CallExpression: (n) =>
        n.callee.type === 'Identifier' &&
        n.callee.name === 'require' &&
        n.arguments.length === 1 &&
        visit(n, n.arguments[0]),
    };
  },
};

const plugin = { meta: { name: 'siyu-boundaries' }, rules: { boundaries: rule } };

/** Flat-config entries that turn the rule on for every source file of the repository. */
const boundaryConfigs = [
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { siyu: plugin },
    rules: { 'siyu/boundaries': 'error' },
  },
];

module.exports = { LAYERS, TEST_SUPPORT, boundaryConfigs, plugin, check };

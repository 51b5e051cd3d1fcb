/**
 * Writes the generated tables of the docs from the code they describe, so they cannot drift:
 * the settings table in README.md (server/config/settings.ts), and the indexes (core/db/schema.ts) and
 * functions with their timers (cloudfunctions/<fn>/config.json) in docs/production-checklist.md.
 *
 *   npm run docs:settings             # rewrite the generated blocks
 *   npm run docs:settings -- --check  # exit 1 when a block is out of date (tests do the same)
 */
import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS, SETTING_NAMES, type Reader, type SettingSpec } from '@server/config/settings';
import { COLLECTIONS, type CollectionSpec } from '@core/db/schema';
import { FUNCTIONS_DIR } from './build-functions';
import { collectFunctions, type LocalFunction } from './deploy-functions';

const ROOT = path.resolve(__dirname, '..');
export const README = path.join(ROOT, 'README.md');
export const CHECKLIST = path.join(ROOT, 'docs', 'production-checklist.md');

export const begin = (block: string) => `<!-- generated:${block} begin (npm run docs:settings) -->`;
export const end = (block: string) => `<!-- generated:${block} end -->`;

const READER_LABEL: Record<Reader, string> = {
  function: 'functions',
  'local-cloud': 'local cloud',
  deploy: 'deploy',
  'app-build': 'app build',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Every setting, one row each, in declaration order. */
export function renderSettingsTable(): string {
  const rows = SETTING_NAMES.map((name) => {
    const spec: SettingSpec = SETTINGS[name];
    const readers = spec.readers.map((r) => READER_LABEL[r]).join(', ');
    const required = spec.requiredFor?.map((r) => `required for ${READER_LABEL[r]}`) ?? [];
    const dflt = [spec.defaultText ? `\`${spec.defaultText}\`` : '—', ...required].join('; ');
    return `| \`${name}\` | ${readers} | ${dflt} | ${spec.secret ? 'yes' : ''} | ${cell(spec.description)} |`;
  });
  return ['| variable | read by | default | secret | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Every index the deploy creates, one row each. */
export function renderIndexTable(collections: readonly CollectionSpec[] = COLLECTIONS): string {
  const rows = collections.flatMap((c) =>
    c.indexes.length === 0
      ? [`| \`${c.name}\` | — (by \`_id\` only) | | |`]
      : c.indexes.map((i) => {
          const keys = Object.entries(i.keys)
            .map(([k, d]) => `${k} ${d === 1 ? '↑' : d === -1 ? '↓' : d}`)
            .join(', ');
          const flags = [i.unique ? 'unique' : '', i.sparse ? 'sparse' : ''].filter(Boolean).join(', ');
          return `| \`${c.name}\` | \`${i.name}\` | ${keys} | ${flags} |`;
        }),
  );
  return ['| collection | index | keys | |', '|---|---|---|---|', ...rows].join('\n');
}

/** Every function with its limits, timers, runtime dependencies and cloud calls. */
export function renderFunctionTable(functions: readonly LocalFunction[] = collectFunctions(FUNCTIONS_DIR)): string {
  const rows = functions.map((f) => {
    const timers = f.triggers.map((t) => `\`${t.name}\` \`${t.config}\``).join('<br>') || '—';
    const deps = Object.keys(f.dependencies).join(', ');
    const calls = [...new Set([...f.openapiDeclared, ...f.openapiUsed])].join(', ') || '—';
    return `| \`${f.name}\` | ${f.timeout} s | ${f.memorySize} MB | ${timers} | ${deps} | ${calls} |`;
  });
  return [
    '| function | timeout | memory | timer triggers (sec min hour day month week year, Beijing time) | runtime dependencies | cloud calls |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

interface Block {
  file: string;
  name: string;
  render: () => string;
}

export const BLOCKS: readonly Block[] = [
  { file: README, name: 'settings', render: () => renderSettingsTable() },
  { file: CHECKLIST, name: 'indexes', render: () => renderIndexTable() },
  { file: CHECKLIST, name: 'functions', render: () => renderFunctionTable() },
];

/** `text` with the named block replaced; throws when its markers are missing. */
export function withBlock(text: string, name: string, content: string): string {
  const start = text.indexOf(begin(name));
  const stop = text.indexOf(end(name));
  if (start < 0 || stop < start) throw new Error(`markers ${begin(name)} … ${end(name)} not found`);
  return `${text.slice(0, start + begin(name).length)}\n${content}\n${text.slice(stop)}`;
}

/** Each file with its blocks regenerated: [file, current text, regenerated text]. */
export function regenerate(): [string, string, string][] {
  const files = [...new Set(BLOCKS.map((b) => b.file))];
  return files.map((file) => {
    const current = fs.readFileSync(file, 'utf8');
    const next = BLOCKS.filter((b) => b.file === file).reduce(
      (text, b) => withBlock(text, b.name, b.render()),
      current,
    );
    return [file, current, next];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const stale = regenerate().filter(([, current, next]) => current !== next);
  if (process.argv.includes('--check')) {
    for (const [file] of stale) console.error(`${path.relative(ROOT, file)}: generated tables out of date`);
    if (stale.length > 0) {
      console.error('run npm run docs:settings');
      process.exit(1);
    }
    console.log('generated tables are up to date');
  } else {
    for (const [file, , next] of stale) {
      fs.writeFileSync(file, next);
      console.log(`${path.relative(ROOT, file)}: generated tables written`);
    }
    if (stale.length === 0) console.log('generated tables already up to date');
  }
}

import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Modules a file loads at run time: `import type` and all-type specifier lists are left out. */
function valueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /^(import|export)\s+(type\s+)?(\{[^}]*\}|\*(?: as \w+)?|\w+)?[^'"]*from\s+'([^']+)'/gm,
  )) {
    const [, , typeOnly, names, spec] = m;
    if (typeOnly || !spec) continue;
    const specifiers = names?.startsWith('{')
      ? names
          .slice(1, -1)
          .split(',')
          .map((s) => s.trim())
      : [];
    if (specifiers.length > 0 && specifiers.filter(Boolean).every((s) => s.startsWith('type '))) continue;
    out.push(spec);
  }
  return out;
}

function resolveCore(spec: string, from?: string): string | null {
  const base = spec.startsWith('@core/')
    ? path.join(ROOT, 'core', spec.slice('@core/'.length))
    : from && spec.startsWith('.')
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  return ['.ts', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f)) ?? null;
}

/** The zod-bearing path from a core module, if it (or anything it loads) imports zod. */
function zodPath(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of valueImports(fs.readFileSync(file, 'utf8'))) {
    if (spec === 'zod') return [file];
    const next = resolveCore(spec, file);
    const found = next ? zodPath(next, seen) : null;
    if (found) return [file, ...found];
  }
  return null;
}

describe('what the app loads from core', () => {
  it('keeps zod out of the mini-program: every value imported from core is from a zod-free module', () => {
    const offenders: string[] = [];
    let coreImports = 0;
    for (const file of sourceFiles(SRC)) {
      for (const spec of valueImports(fs.readFileSync(file, 'utf8'))) {
        const target = resolveCore(spec);
        if (!target) continue;
        coreImports++;
        const chain = zodPath(target);
        if (chain)
          offenders.push(`${path.relative(ROOT, file)} → ${chain.map((f) => path.relative(ROOT, f)).join(' → ')}`);
      }
    }
    expect(coreImports).toBeGreaterThan(3);
    expect(offenders).toEqual([]);
  });

  it('notices a value import of a contract module', () => {
    const contract = resolveCore('@core/contracts/insight');
    expect(contract && zodPath(contract)).toBeTruthy();
    expect(valueImports("import { SCORE_WEIGHTS } from '@core/contracts/insight';")).toEqual([
      '@core/contracts/insight',
    ]);
    expect(valueImports("import type { Graph } from '@core/contracts/insight';")).toEqual([]);
    expect(valueImports("import { type Graph } from '@core/contracts/insight';")).toEqual([]);
  });
});

/**
 * Keeps the privacy guide honest: every privacy-relevant platform API called anywhere in src/ is
 * declared in declarations.ts, and nothing is declared that the code no longer calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DECLARATIONS, PRIVACY_APIS, type PrivacyApi } from './declarations';

const SRC = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?|wxml)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** A call through Taro or wx (`Taro.scanCode(`, `wx.scanCode(`), or a button open-type naming it. */
function uses(text: string, api: string): boolean {
  return new RegExp(`\\b(Taro|wx)\\s*\\.\\s*${api}\\b|open-?[tT]ype\\s*=\\s*["'{]+${api}\\b`).test(text);
}

const files = sourceFiles(SRC).filter((f) => !f.startsWith(path.join(SRC, 'privacy') + path.sep));
const used = new Map<PrivacyApi, string[]>();
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  for (const api of Object.keys(PRIVACY_APIS) as PrivacyApi[]) {
    if (uses(text, api)) used.set(api, [...(used.get(api) ?? []), path.relative(path.dirname(SRC), file)]);
  }
}

describe('privacy guide declarations', () => {
  it('finds the APIs the app is known to call (the scan itself works)', () => {
    expect([...used.keys()]).toEqual(expect.arrayContaining(['setClipboardData', 'saveImageToPhotosAlbum']));
    expect(uses("Taro.getLocation({ type: 'gcj02' })", 'getLocation')).toBe(true);
    expect(uses('<Button openType="getPhoneNumber">', 'getPhoneNumber')).toBe(true);
    expect(uses('Taro.getSetting()', 'getLocation')).toBe(false);
  });

  it('declares every privacy-relevant API the code calls, and only those', () => {
    const declared = DECLARATIONS.map((d) => d.api).sort();
    expect(declared).toEqual([...used.keys()].sort());
  });

  it('names each declaration by its admin console item and points at the files that call it', () => {
    for (const d of DECLARATIONS) {
      expect(d.item).toBe(PRIVACY_APIS[d.api]);
      expect(d.purpose).toMatch(/^为了.+开发者将在获取你的明示同意后/);
      expect([...d.where].sort()).toEqual([...(used.get(d.api) ?? [])].sort());
    }
  });
});

/** Files a source file imports from src/ (`@/…` or relative), resolved to paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/from\s+'((?:@\/|\.{1,2}\/)[^']+)'/g)) {
    const spec = m[1] as string;
    const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : path.resolve(path.dirname(file), spec);
    const hit = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => fs.existsSync(f));
    if (hit) out.push(hit);
  }
  return out;
}

function reaches(file: string, targets: ReadonlySet<string>, seen = new Set<string>()): boolean {
  if (targets.has(file)) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  return importsOf(file).some((f) => reaches(f, targets, seen));
}

describe('the consent sheet', () => {
  const pages = files.filter((f) => /[\\/]index\.tsx$/.test(f) && !f.includes(`${path.sep}components${path.sep}`));
  const callers = new Set(DECLARATIONS.flatMap((d) => d.where.map((w) => path.join(path.dirname(SRC), w))));
  const triggering = pages.filter((p) => reaches(p, callers));

  it('is mounted by every page that can trigger a declared API', () => {
    expect(triggering.length).toBeGreaterThanOrEqual(4);
    const missing = triggering.filter((p) => !fs.readFileSync(p, 'utf8').includes('<PrivacySheet />'));
    expect(missing.map((p) => path.relative(SRC, p))).toEqual([]);
  });
});

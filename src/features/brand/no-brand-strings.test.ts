/**
 * No brand is written into the product: every name the app shows comes from HQ's brand settings
 * (useBrand). The demo brand lives in the seed (host/seed) and in tests only.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..');
/** The demo brand's names, in Chinese and English, in any case. */
const DEMO_BRAND = /山茶|camellia/i;

function productFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return productFiles(full);
    return /\.(tsx?|scss|html|json)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

it('the pattern catches the demo brand however it is written', () => {
  for (const s of ['欢迎来到山茶生活', 'Camellia Life', 'CAMELLIA']) expect(DEMO_BRAND.test(s)).toBe(true);
  expect(DEMO_BRAND.test('欢迎来到会员中心')).toBe(false);
});

it('no product file in src/ names the demo brand', () => {
  const files = productFiles(SRC);
  // The walk reaches the app's screens and page configs.
  expect(files.some((f) => f.endsWith(path.join('pages', 'join', 'index.config.ts')))).toBe(true);
  expect(files.length).toBeGreaterThan(100);
  const offenders = files.filter((f) => DEMO_BRAND.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
  expect(offenders).toEqual([]);
});

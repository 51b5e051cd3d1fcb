/**
 * Keeps host/README.md's database fidelity table and the database conformance cases in step: every
 * row names a case that exists, and every case (test/conformance/db-*.test.ts) has a row.
 */
import fs from 'node:fs';
import path from 'node:path';

const README = path.resolve(__dirname, '../../host/README.md');
const DIR = __dirname;
const STATUSES = new Set(['supported', 'differs', 'not supported']);

interface Row {
  feature: string;
  status: string;
  file: string;
  test: string;
}

function tableRows(): Row[] {
  const text = fs.readFileSync(README, 'utf8');
  const start = text.indexOf('## Database fidelity');
  expect(start).toBeGreaterThan(-1);
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| feature'))
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ');
      const proof = /^`([\w-]+)` › (.+)$/.exec(cells[3] ?? '');
      if (!proof) throw new Error(`row without a "\`file\` › test" proof: ${line}`);
      return { feature: cells[0] ?? '', status: cells[1] ?? '', file: proof[1] as string, test: proof[2] as string };
    });
}

/** Test names as written in a file: test('…') / it('…'), quotes unescaped. */
function testNames(file: string): string[] {
  const src = fs.readFileSync(path.join(DIR, `${file}.test.ts`), 'utf8');
  return [...src.matchAll(/^\s*(?:test|it)\(\s*'((?:[^'\\]|\\.)*)'/gm)].map((m) =>
    (m[1] as string).replace(/\\(.)/g, '$1'),
  );
}

const dbFiles = () =>
  fs
    .readdirSync(DIR)
    .filter((f) => /^db-.*\.test\.ts$/.test(f))
    .map((f) => f.replace(/\.test\.ts$/, ''));

test('every fidelity row has a known status and names a database conformance case that exists', () => {
  const rows = tableRows();
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) {
    expect(STATUSES.has(row.status)).toBe(true);
    expect(dbFiles()).toContain(row.file);
    expect(testNames(row.file)).toContain(row.test);
  }
});

test('every database conformance case is in the fidelity table', () => {
  const named = new Set(tableRows().map((r) => `${r.file} › ${r.test}`));
  const cases = dbFiles().flatMap((file) => testNames(file).map((t) => `${file} › ${t}`));
  expect(cases.length).toBeGreaterThan(20);
  expect(cases.filter((c) => !named.has(c))).toEqual([]);
});

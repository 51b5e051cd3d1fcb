/**
 * tuneHeapForImages: in a child process traced with --trace-incremental-marking, churn that fills the
 * old generation starts incremental marking cycles without the setting and none with it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function markingStarts(tune: boolean): number {
  const heap = path.join(__dirname, 'heap.ts');
  const script = `
    const { tuneHeapForImages } = require(${JSON.stringify(heap)});
    if (${tune}) tuneHeapForImages();
    // Objects that live long enough to be promoted, then die: the old generation fills and V8's
    // heuristics would start marking cycles to collect it.
    let keep = [];
    for (let round = 0; round < 1200; round++) {
      const batch = [];
      for (let i = 0; i < 2000; i++) batch.push({ i, s: 'x' + i, a: [i, i + 1] });
      keep.push(batch);
      if (keep.length > 20) keep = keep.slice(10);
    }
    console.log('done', keep.length);
  `;
  const r = spawnSync(process.execPath, ['--trace-incremental-marking', '--import', 'tsx', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  expect(r.stdout).toContain('done');
  return r.stdout.split('\n').filter((l) => l.includes('[IncrementalMarking] Start (')).length;
}

describe('tuneHeapForImages', () => {
  it('stops V8 from starting incremental marking cycles', () => {
    expect(markingStarts(false)).toBeGreaterThan(0);
    expect(markingStarts(true)).toBe(0);
  }, 120_000);
});

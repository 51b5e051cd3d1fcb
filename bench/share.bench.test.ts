/**
 * The share bench at a tiny scale, so it keeps working between the runs that measure: every open
 * answered, and the dedupe storing exactly one counted visit per (viewer, share).
 */
import { passed, run } from './share.bench';

it('runs and stores one counted visit per viewer and share', async () => {
  const scale = { guides: 2, visits: 120, viewers: 20, tokens: 2, concurrency: 4, baseline: 10 };
  const result = await run(scale, () => undefined);
  expect(result.visits).toMatchObject({ calls: 120, failed: 0, expected: 40, stored: 40 });
  expect(result.rows.map((r) => r.name)).toEqual([
    'shareLink cold',
    'shareLink cached',
    'sharePoster cold',
    'sharePoster cached',
  ]);
  expect(passed(result)).toBe(true);
}, 120_000);

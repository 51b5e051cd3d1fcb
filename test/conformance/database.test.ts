/**
 * One end-to-end database smoke through the full host (function → SDK → /admin → engine → SQLite).
 * Database semantics case by case are host/db's own tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud } from './support';

test('a function writes, reads, queries and transacts through the wire, and the data survives a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-db-smoke-'));
  try {
    const first = await startTestCloud({ dataDir });
    const r = (await first.cloud.invoke('db', { name: '小鹿' }, { openid: 'o-db-1' })) as Record<string, unknown>;
    expect(r).toEqual({
      got: { name: '小鹿', points: 10, joinedAtIsDate: true },
      afterTx: 12,
      found: [{ _id: 'o-db-1', name: '小鹿', points: 12 }],
      duplicate: expect.any(Number) as unknown,
    });
    expect(r.duplicate).not.toBe(0);
    await first.dispose();

    const second = await startTestCloud({ dataDir });
    expect(second.cloud.engine.findDocs('users', { _id: 'o-db-1' })).toEqual([
      expect.objectContaining({ _id: 'o-db-1', name: '小鹿', points: 12 }),
    ]);
    await second.dispose();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

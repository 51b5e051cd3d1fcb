/** Durability: data survives a reopen, and every acknowledged write survives kill -9. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseEngine } from './engine';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'siyu-db-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = [{ name: 'people', doc: 'test', indexes: [{ name: 'email', keys: { email: 1 as const }, unique: true }] }];

it('keeps documents, their natural order and unique keys across a reopen', () => {
  const file = path.join(dir, 'reopen.sqlite');
  const first = new DatabaseEngine({ file, collections: SPEC });
  for (const id of ['z', 'a', 'm']) first.insertDoc('people', { _id: id, email: `${id}@x` });
  first.handle({
    action: 'database.modifyDocument',
    collectionName: 'people',
    queryType: 'DOC',
    query: '{"_id":"z"}',
    data: '{"$set":{"v":{"$numberInt":"1"}}}',
    merge: true,
  });
  first.handle({ action: 'database.addCollection', collectionName: 'extra' });
  first.close();

  const second = new DatabaseEngine({ file, collections: SPEC });
  expect(second.findDocs('people').map((d) => d._id)).toEqual(['z', 'a', 'm']);
  expect(second.findDocs('people', { _id: 'z' })[0]).toEqual({ _id: 'z', email: 'z@x', v: 1 });
  expect(() => second.insertDoc('people', { email: 'a@x' })).toThrow(/E11000/);
  expect(second.collectionNames()).toContain('extra');
  second.close();
});

it('loses no acknowledged write when the process is killed with SIGKILL mid-stream', async () => {
  const file = path.join(dir, 'crash.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-writer.ts'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let txAcked = 0;
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => resolve());
    child.on('error', reject);
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value] = line.split(' ');
        if (kind === 'ins' && value) acked.push(value);
        if (kind === 'tx') txAcked = Number(value);
      }
      if (acked.length >= 2000 && !child.killed) child.kill('SIGKILL');
    });
  });
  expect(child.signalCode).toBe('SIGKILL');
  expect(stderr).toBe('');
  expect(acked.length).toBeGreaterThanOrEqual(2000);

  const reopened = new DatabaseEngine({ file, collections: [{ name: 'acks', doc: 'crash test', indexes: [] }] });
  expect(reopened.integrityCheck()).toBe('ok');
  const present = new Set(reopened.findDocs('acks').map((d) => d._id));
  expect(acked.filter((id) => !present.has(id))).toEqual([]);
  // A commit may land after its acknowledgement was cut off, never the other way round.
  const counter = reopened.findDocs('acks', { _id: 'counter' })[0] as { n: number };
  expect(counter.n).toBeGreaterThanOrEqual(txAcked);
  expect(counter.n).toBeLessThanOrEqual(txAcked + 1);
  reopened.close();
}, 30_000);

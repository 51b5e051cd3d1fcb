/**
 * Performance guard: a 1,000-document where().get() must stay well under 50 ms (the host answers
 * from its in-memory cache). Median of several runs, so one slow tick on a shared machine does not
 * fail it. Also checks the in-process SDK connection used by the benchmark.
 */
import { performance } from 'node:perf_hooks';
import type * as WxServerSdk from 'wx-server-sdk';
import { DatabaseEngine } from './engine';
import { connectSdkInProcess } from './in-process';
import { ok } from './sdk-call';

let engine: DatabaseEngine;
beforeAll(() => {
  engine = new DatabaseEngine({ file: ':memory:', collections: [{ name: 'posts', doc: 'test', indexes: [] }] });
  const batch = Array.from({ length: 2000 }, (_v, i) =>
    JSON.stringify({ title: `post ${i}`, store: i % 2 ? 'A' : 'B', n: i, tags: ['x', 'y'], body: 'b'.repeat(200) }),
  );
  engine.handle({ action: 'database.insertDocument', collectionName: 'posts', data: batch });
});
afterAll(() => engine.close());

function median(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

it('answers a 1,000-document where().get() well under 50 ms', () => {
  const body = {
    action: 'database.getDocument',
    collectionName: 'posts',
    queryType: 'WHERE',
    query: '{"store":"A"}',
    limit: 1000,
  };
  const first = engine.handle(body);
  expect((first.data as { list: unknown[] }).list).toHaveLength(1000);
  expect(median(() => engine.handle(body), 9)).toBeLessThan(50);
});

it('looks a document up by _id without scanning', () => {
  const [doc] = engine.findDocs('posts', { n: 1500 });
  const body = {
    action: 'database.getDocument',
    collectionName: 'posts',
    queryType: 'DOC',
    query: JSON.stringify({ _id: doc?._id }),
  };
  expect((engine.handle(body).data as { list: unknown[] }).list).toHaveLength(1);
  expect(median(() => engine.handle(body), 21)).toBeLessThan(1);
});

it('serves the real SDK in-process (the benchmark path) with the same answers', async () => {
  const restore = connectSdkInProcess(engine);
  try {
    process.env.TENCENTCLOUD_SECRETID = 'x';
    process.env.TENCENTCLOUD_SECRETKEY = 'x';
    process.env.TENCENTCLOUD = 'true';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as typeof WxServerSdk;
    cloud.init({ env: 'local' });
    const db = cloud.database();
    const res = await ok(db.collection('posts').where({ store: 'A' }).limit(1000).get());
    expect(res.data).toHaveLength(1000);
    await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 });
  } finally {
    restore();
  }
});

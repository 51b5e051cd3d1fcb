/**
 * Transactions through the real wx-server-sdk: snapshot reads, write conflicts detected at the
 * second write, atomic commit, queries and several adds inside, CloudBase's errors, timeout. Note how wx-server-sdk reports a
 * conflict: raised at commit it keeps code DATABASE_TRANSACTION_CONFLICT (runTransaction retries);
 * raised by a step inside the callback, the SDK's wrapper turns it into errCode -501001 with our
 * message, and runTransaction does not retry (its own code, not ours).
 */
import { DatabaseEngine } from './engine';
import { startHarness, type Harness } from './test-harness';

let clock = Date.UTC(2026, 0, 1);
let engine: DatabaseEngine;
let h: Harness;
let db: ReturnType<Harness['cloud']['database']>;
let _: ReturnType<Harness['cloud']['database']>['command'];
type Tx = Awaited<ReturnType<typeof db.startTransaction>>;

const TIMEOUT = 10_000;
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem cannot be solved, contact us.';
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem cannot be solved, contact us.';
const balance = (id: string) => (engine.findDocs('acc', { _id: id })[0] as { bal: number } | undefined)?.bal;

beforeAll(async () => {
  engine = new DatabaseEngine({
    file: ':memory:',
    now: () => clock,
    transactionTimeoutMs: TIMEOUT,
    collections: [
      { name: 'acc', doc: 'test', indexes: [] },
      { name: 'handles', doc: 'test', indexes: [{ name: 'handle', keys: { handle: 1 }, unique: true }] },
    ],
  });
  h = await startHarness(engine);
  db = h.cloud.database();
  _ = db.command;
});
afterAll(async () => {
  await h.close();
  engine.close();
});
beforeEach(async () => {
  await db
    .collection('acc')
    .where({ bal: _.exists(true) })
    .remove();
  await db.collection('acc').add({
    data: [
      { _id: 'A', bal: 100 },
      { _id: 'B', bal: 0 },
    ],
  });
});

async function transfer(tx: Tx, amount: number): Promise<void> {
  const a = (await tx.collection('acc').doc('A').get()).data as { bal: number };
  await tx
    .collection('acc')
    .doc('A')
    .update({ data: { bal: a.bal - amount } });
  await tx
    .collection('acc')
    .doc('B')
    .update({ data: { bal: _.inc(amount) } });
}

it('runTransaction commits every write together and returns the callback result', async () => {
  const res = await db.runTransaction(async (tx: Tx) => {
    await transfer(tx, 30);
    return 'done';
  });
  expect(res).toBe('done');
  expect([balance('A'), balance('B')]).toEqual([70, 30]);
});

it('rollback writes nothing', async () => {
  const before = engine.snapshot();
  const tx = await db.startTransaction();
  await transfer(tx, 30);
  await tx.collection('acc').add({ data: { _id: 'C', bal: 1 } });
  await tx.rollback();
  expect(engine.snapshot()).toBe(before);
});

it('nothing is visible outside before commit; everything after', async () => {
  const tx = await db.startTransaction();
  await transfer(tx, 10);
  expect(balance('A')).toBe(100);
  await tx.commit();
  expect(balance('A')).toBe(90);
});

it('reads inside a transaction are a snapshot taken at its start, plus its own writes', async () => {
  const tx = await db.startTransaction();
  await db
    .collection('acc')
    .doc('B')
    .update({ data: { bal: 55 } }); // committed after tx started
  await db.collection('acc').add({ data: { _id: 'late', bal: 1 } });
  expect(((await tx.collection('acc').doc('B').get()).data as { bal: number }).bal).toBe(0);
  await expect(tx.collection('acc').doc('late').get()).rejects.toThrow(/does not exist/);
  await tx
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 1 } });
  expect(((await tx.collection('acc').doc('A').get()).data as { bal: number }).bal).toBe(1);
  await tx.commit();
});

it('detects a write conflict when the second transaction writes, not at commit', async () => {
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1
    .collection('acc')
    .doc('A')
    .update({ data: { bal: _.inc(-1) } });
  await expect(
    t2
      .collection('acc')
      .doc('A')
      .update({ data: { bal: _.inc(-2) } }),
  ).rejects.toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining(CONFLICT),
  });
  await t1.commit();
  expect(balance('A')).toBe(99);
  // The loser was aborted by the conflict; its commit fails with the conflict, its rollback is harmless.
  await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT });
  await expect(t2.rollback()).resolves.toBeDefined();
});

it('detects a conflict with a commit made after the transaction started', async () => {
  const tx = await db.startTransaction();
  await db
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 1 } });
  await expect(
    tx
      .collection('acc')
      .doc('A')
      .update({ data: { bal: 2 } }),
  ).rejects.toMatchObject({ errMsg: expect.stringContaining('conflict') });
  expect(balance('A')).toBe(1);
});

it('a write outside any transaction makes the holder fail at commit with DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 5 } });
  await db
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 7 } });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(balance('A')).toBe(7);
});

it('runTransaction retries a conflict raised at commit', async () => {
  let attempts = 0;
  await db.runTransaction(async (tx: Tx) => {
    attempts++;
    await transfer(tx, 10);
    if (attempts === 1)
      engine.handle({
        action: 'database.modifyDocument',
        collectionName: 'acc',
        queryType: 'DOC',
        query: '{"_id":"B"}',
        data: '{"$inc":{"bal":{"$numberInt":"1000"}}}',
        merge: true,
      });
  });
  expect(attempts).toBe(2);
  expect([balance('A'), balance('B')]).toEqual([90, 1010]);
});

it('takes queries, counts, aggregations and several adds inside a transaction, over its snapshot', async () => {
  const tx = await db.startTransaction();
  await db.collection('acc').add({ data: { _id: 'late', bal: 100 } }); // committed after tx started
  expect((await tx.collection('acc').where({ bal: 100 }).get()).data.map((d: { _id?: unknown }) => d._id)).toEqual([
    'A',
  ]);
  await tx.collection('acc').add({
    data: [
      { _id: 'C', bal: 100 },
      { _id: 'D', bal: 5 },
    ],
  });
  const call = (action: string, extra: Record<string, unknown>) =>
    engine.handle({
      action,
      collectionName: 'acc',
      transactionId: (tx as unknown as { _transaction: { _id: string } })._transaction._id,
      ...extra,
    });
  expect(call('database.calculateDocument', { query: '{"bal":{"$numberInt":"100"}}' })).toMatchObject({
    data: { total: 2 },
  });
  expect(
    call('database.modifyDocument', {
      queryType: 'WHERE',
      query: '{"bal":{"$numberInt":"100"}}',
      data: '{"$set":{"bal":{"$numberInt":"7"}}}',
      multi: true,
    }),
  ).toMatchObject({ data: { updated: 2 } });
  expect(
    call('database.removeDocument', { queryType: 'WHERE', query: '{"bal":{"$numberInt":"5"}}', multi: true }),
  ).toMatchObject({ data: { deleted: 1 } });
  expect(
    call('database.aggregateDocuments', {
      stages: [{ stageKey: '$group', stageValue: '{"_id":null,"n":{"$sum":"$bal"}}' }],
    }),
  ).toMatchObject({ data: { list: ['{"_id":null,"n":{"$numberInt":"14"}}'] } });
  expect([balance('A'), balance('C'), balance('late')]).toEqual([100, undefined, 100]);
  await tx.commit();
  expect([balance('A'), balance('B'), balance('C'), balance('D'), balance('late')]).toEqual([7, 0, 7, undefined, 100]);
});

it('a failed step aborts the transaction: its commit then finds no transaction', async () => {
  const tx = await db.startTransaction();
  await tx.collection('acc').add({ data: { _id: 'E', bal: 1 } });
  await expect(tx.collection('acc').add({ data: { _id: 'A', bal: 1 } })).rejects.toMatchObject({
    errMsg: expect.stringContaining('E11000'),
  });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  await expect(tx.rollback()).resolves.toBeDefined();
  expect(balance('E')).toBeUndefined();
});

it('answers TransactionNotExist after commit, after rollback and for an unknown id', async () => {
  const committed = await db.startTransaction();
  await committed.commit();
  await expect(committed.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  await expect(committed.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  const rolledBack = await db.startTransaction();
  await rolledBack.rollback();
  await expect(rolledBack.collection('acc').doc('A').get()).rejects.toMatchObject({
    errMsg: expect.stringContaining(NOT_EXIST),
  });
  await expect(rolledBack.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  expect(engine.handle({ action: 'database.getDocument', collectionName: 'acc', transactionId: 'nope' })).toMatchObject(
    {
      code: 'DATABASE_TRANSACTION_FAIL',
      message: NOT_EXIST,
    },
  );
});

it('add, set (upsert) and remove inside a transaction apply at commit', async () => {
  const tx = await db.startTransaction();
  await tx.collection('acc').add({ data: { _id: 'C', bal: 3 } });
  await tx
    .collection('acc')
    .doc('D')
    .set({ data: { bal: 4 } });
  await tx.collection('acc').doc('B').remove();
  expect(balance('C')).toBeUndefined();
  await tx.commit();
  expect([balance('B'), balance('C'), balance('D')]).toEqual([undefined, 3, 4]);
});

it('aborts a transaction left open past the timeout and frees its documents', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 1 } });
  clock += TIMEOUT + 1;
  const other = await db.startTransaction();
  await other
    .collection('acc')
    .doc('A')
    .update({ data: { bal: 2 } });
  await other.commit();
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  expect(balance('A')).toBe(2);
});

it('checks unique indexes at the write and again at commit', async () => {
  await db.collection('handles').add({ data: { _id: 'h1', handle: 'taken' } });
  const t1 = await db.startTransaction();
  await expect(t1.collection('handles').add({ data: { handle: 'taken' } })).rejects.toMatchObject({
    errMsg: expect.stringContaining('E11000'),
  });

  const t2 = await db.startTransaction();
  const t3 = await db.startTransaction();
  await t2.collection('handles').add({ data: { _id: 'h2', handle: 'fresh' } });
  await t3.collection('handles').add({ data: { _id: 'h3', handle: 'fresh' } });
  await t2.commit();
  await expect(t3.commit()).rejects.toMatchObject({ message: expect.stringContaining('E11000') });
  expect(engine.findDocs('handles', { handle: 'fresh' }).map((d) => d._id)).toEqual(['h2']);
});

it('answers the older per-document transaction actions', () => {
  const { transactionId } = engine.handle({ action: 'database.startTransaction' });
  const call = (action: string, extra: Record<string, unknown>) =>
    engine.handle({ action, collectionName: 'acc', transactionId, ...extra });
  expect(call('database.getInTransaction', { _id: 'A' })).toMatchObject({
    data: expect.stringContaining('"bal":{"$numberInt":"100"}'),
  });
  expect(
    call('database.updateDocInTransaction', { _id: 'A', data: '{"$set":{"bal":{"$numberInt":"1"}}}' }),
  ).toMatchObject({ updated: '1' });
  expect(
    call('database.updateDocInTransaction', { _id: 'N', data: '{"bal":{"$numberInt":"9"}}', upsert: true }),
  ).toMatchObject({ upserted: '[{"_id":"N"}]' });
  expect(call('database.deleteDocInTransaction', { _id: 'B' })).toMatchObject({ deleted: '1' });
  expect(call('database.getInTransaction', { _id: 'B' })).toMatchObject({ data: 'null' });
  expect(engine.handle({ action: 'database.commitTransaction', transactionId })).not.toHaveProperty('code');
  expect([balance('A'), balance('B'), balance('N')]).toEqual([1, undefined, 9]);
});

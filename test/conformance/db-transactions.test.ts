/**
 * Transactions as CloudBase documents them, through both SDKs: several adds, queries and
 * find-and-modify inside `startTransaction`, CloudBase's codes and messages after the end and on a
 * conflict. (Snapshot reads and conflict detection at the second write: host/db/transactions.test.ts.)
 */
import { failure, startDbCloud, type DbCloud } from './db-support';

const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem cannot be solved, contact us.';
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem cannot be solved, contact us.';

let c: DbCloud;
const ids = (coll: string, query: Record<string, unknown> = {}) => c.engine.findDocs(coll, query).map((d) => d._id);

beforeAll(async () => {
  c = await startDbCloud();
});
afterAll(() => c.close());
beforeEach(() => {
  for (const d of c.engine.findDocs('plain'))
    c.engine.handle({
      action: 'database.removeDocument',
      collectionName: 'plain',
      query: JSON.stringify({ _id: d._id }),
    });
  for (const [id, n] of [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ] as const)
    c.engine.insertDoc('plain', { _id: id, n, tag: 'seed' });
});

test('several adds in one transaction commit together, or not at all', async () => {
  const tx = await c.wx.startTransaction();
  await tx.collection('plain').add({
    data: [
      { _id: 'x1', n: 10 },
      { _id: 'x2', n: 11 },
    ],
  });
  await tx.collection('plain').add({ data: { _id: 'x3', n: 12 } });
  expect(ids('plain', { n: { $gte: 10 } })).toEqual([]);
  await tx.commit();
  expect(ids('plain', { n: { $gte: 10 } })).toEqual(['x1', 'x2', 'x3']);

  const undone = await c.node.startTransaction();
  const added = await undone.collection('plain').add([{ _id: 'y1' }, { _id: 'y2' }]);
  expect(added).toMatchObject({ ids: ['y1', 'y2'] });
  await undone.rollback();
  expect(ids('plain', { _id: { $in: ['y1', 'y2'] } })).toEqual([]);
});

test('where().get inside a transaction reads its snapshot plus its own writes', async () => {
  const tx = await c.node.startTransaction();
  c.engine.insertDoc('plain', { _id: 'late', n: 2, tag: 'seed' }); // committed after the transaction started
  await tx.collection('plain').add({ _id: 'mine', n: 2, tag: 'seed' });
  await tx.collection('plain').doc('a').update({ n: 2 });
  const got = await tx.collection('plain').where({ n: 2 }).orderBy('_id', 'asc').get();
  expect((got.data as Array<{ _id: string }>).map((d) => d._id)).toEqual(['a', 'b', 'mine']);
  await tx.commit();
  expect(ids('plain', { n: 2 })).toEqual(['a', 'b', 'late', 'mine']);
});

test('where().updateAndReturn inside a transaction is a find-and-modify applied at commit', async () => {
  const tx = await c.node.startTransaction();
  const r = await tx
    .collection('plain')
    .where({ n: c.node.command.gte(2) })
    .updateAndReturn({ n: c.node.command.inc(100) });
  expect(r).toMatchObject({ updated: 1, doc: { _id: 'b', n: 102 } });
  expect(ids('plain', { n: 102 })).toEqual([]);
  const again = await tx.collection('plain').where({ _id: 'b' }).get();
  expect(again.data).toEqual([{ _id: 'b', n: 102, tag: 'seed' }]);
  await tx.commit();
  expect(ids('plain', { n: 102 })).toEqual(['b']);
});

test('where().update and where().remove in a transaction: the SDKs send no transaction id, so they apply at once', async () => {
  // @cloudbase/database 1.4.3 (the latest) leaves transactionId out of Query.update/remove/count:
  // CloudBase receives them as plain writes, and so does the local cloud.
  const tx = await c.node.startTransaction();
  await tx.collection('plain').where({ n: 1 }).update({ tag: 'now' });
  await tx.collection('plain').where({ n: 3 }).remove();
  await tx.rollback();
  expect(c.engine.findDocs('plain', { tag: 'now' }).map((d) => d._id)).toEqual(['a']);
  expect(ids('plain', { n: 3 })).toEqual([]);
});

test('the wire takes a transaction id on a multi-document update and remove, applied at commit', async () => {
  const post = async (body: Record<string, unknown>) =>
    (await (
      await fetch(c.adminUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const { transactionId } = await post({ action: 'database.startTransaction' });
  expect(
    await post({
      action: 'database.modifyDocument',
      collectionName: 'plain',
      transactionId,
      queryType: 'WHERE',
      query: '{"tag":"seed"}',
      data: '{"$set":{"tag":"tx"}}',
      multi: true,
    }),
  ).toMatchObject({ data: { updated: 3 } });
  expect(
    await post({
      action: 'database.removeDocument',
      collectionName: 'plain',
      transactionId,
      queryType: 'WHERE',
      query: '{"n":{"$numberInt":"1"}}',
      multi: true,
    }),
  ).toMatchObject({ data: { deleted: 1 } });
  expect(ids('plain', { tag: 'seed' })).toEqual(['a', 'b', 'c']);
  await post({ action: 'database.commitTransaction', transactionId });
  expect(ids('plain', { tag: 'tx' })).toEqual(['b', 'c']);
});

test('use after commit or rollback answers DATABASE_TRANSACTION_FAIL TransactionNotExist', async () => {
  const committed = await c.node.startTransaction();
  await committed.collection('plain').doc('a').update({ n: 5 });
  await committed.commit();
  expect(await failure(committed.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  expect(await failure(committed.collection('plain').where({ n: 5 }).get())).toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: NOT_EXIST,
  });

  const rolledBack = await c.wx.startTransaction();
  await rolledBack.rollback();
  expect(await failure(rolledBack.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  // wx-server-sdk folds a step's error into errCode -501001 with the platform's message.
  expect(await failure(rolledBack.collection('plain').doc('a').get())).toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining(NOT_EXIST) as unknown,
  });
});

test('a write conflict answers DATABASE_TRANSACTION_CONFLICT with CloudBase’s message', async () => {
  const first = await c.node.startTransaction();
  const second = await c.node.startTransaction();
  await first.collection('plain').doc('a').update({ n: 7 });
  expect(await failure(second.collection('plain').doc('a').update({ n: 8 }))).toMatchObject({
    code: 'DATABASE_TRANSACTION_CONFLICT',
    message: CONFLICT,
  });
  await first.commit();
  expect(await failure(second.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT });

  const wxFirst = await c.wx.startTransaction();
  const wxSecond = await c.wx.startTransaction();
  await wxFirst
    .collection('plain')
    .doc('b')
    .update({ data: { n: 1 } });
  expect(
    await failure(
      wxSecond
        .collection('plain')
        .doc('b')
        .update({ data: { n: 3 } }),
    ),
  ).toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining(CONFLICT) as unknown,
  });
  await wxFirst.rollback();
});

/** Details of stored values and write results, through both SDKs. */
import { ok } from '../../host/db/sdk-call';
import { failure, startDbCloud, type DbCloud } from './db-support';

let c: DbCloud;
beforeAll(async () => {
  c = await startDbCloud();
});
afterAll(() => c.close());

test('a field name ending in "." is refused, with MongoDB 4.0’s message, at any depth and in update paths', async () => {
  const before = c.engine.snapshot();
  for (const data of [{ 'price.': 1 }, { spec: { 'size.': 'L' } }, { list: [{ 'a.': 1 }] }])
    expect(await failure(c.wx.collection('plain').add({ data }))).toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(/key (price|size|a)\. must not contain '\.'/) as unknown,
    });
  expect(await failure(c.node.collection('plain').add({ 'price.': 1 }))).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  });
  expect(c.engine.snapshot()).toBe(before);
  await c.wx.collection('plain').add({ data: { _id: 'f', spec: {} } });
  // The SDK flattens nested update data into dotted paths: { spec: { 'size.': 'L' } } → 'spec.size.'.
  expect(
    await failure(
      c.wx
        .collection('plain')
        .doc('f')
        .update({ data: { spec: { 'size.': 'L' } } }),
    ),
  ).toMatchObject({
    errMsg: expect.stringContaining(
      "The update path 'spec.size.' contains an empty field name, which is not allowed.",
    ) as unknown,
  });
  expect(
    await failure(
      c.wx
        .collection('plain')
        .doc('f')
        .set({ data: { 'x.': 1 } }),
    ),
  ).toMatchObject({ errCode: -502001 });
  expect(c.engine.findDocs('plain', { _id: 'f' })).toEqual([{ _id: 'f', spec: {} }]);
});

test('an update that sets the same value reports updated 0 (MongoDB’s nModified, which CloudBase returns)', async () => {
  await c.wx.collection('plain').add({
    data: [
      { _id: 's1', n: 1 },
      { _id: 's2', n: 1 },
      { _id: 's3', n: 2 },
    ],
  });
  expect(
    await c.wx
      .collection('plain')
      .doc('s1')
      .update({ data: { n: 1 } }),
  ).toMatchObject({ stats: { updated: 0 } });
  expect(
    await c.wx
      .collection('plain')
      .where({ _id: c.wx.command.in(['s1', 's2', 's3']) })
      .update({ data: { n: 1 } }),
  ).toMatchObject({
    stats: { updated: 1 },
  });
  expect(
    await c.wx
      .collection('plain')
      .doc('s1')
      .set({ data: { n: 1 } }),
  ).toMatchObject({ stats: { updated: 0, created: 0 } });
  expect(await c.node.collection('plain').doc('s2').update({ n: 1 })).toMatchObject({ updated: 0 });
  expect(await c.node.collection('plain').doc('s2').update({ n: 3 })).toMatchObject({ updated: 1 });
});

test('an ObjectId outside _id is stored as an ObjectId: get() rebuilds it as the SDK does ({}), aggregate() and updateAndReturn() keep it', async () => {
  const hex = '5f1b2c3d4e5f6a7b8c9d0e1f';
  await c.node.collection('plain').add({ _id: 'o', ref: c.node.ObjectId({ id: hex }) });
  // At rest and on the wire: a BSON ObjectId (canonical EJSON {"$oid": …}).
  expect(
    String((c.engine.findDocs('plain', { _id: 'o' })[0] as { ref: { toHexString(): string } }).ref.toHexString()),
  ).toBe(hex);
  // Both SDKs' get() pass documents through formatField, which turns an ObjectId into a plain {}.
  expect((await ok(c.wx.collection('plain').doc('o').get())).data).toEqual({ _id: 'o', ref: {} });
  expect(
    (
      await c.node
        .collection('plain')
        .where({ ref: c.node.ObjectId({ id: hex }) })
        .get()
    ).data,
  ).toEqual([{ _id: 'o', ref: {} }]);
  // aggregate() and updateAndReturn() only EJSON-parse: the ObjectId arrives intact.
  const agg = (await c.wx.collection('plain').aggregate().match({ _id: 'o' }).end()) as {
    list: Array<{ ref: { toHexString(): string } }>;
  };
  expect(agg.list[0]?.ref.toHexString()).toBe(hex);
  const r = await c.node.collection('plain').where({ _id: 'o' }).updateAndReturn({ seen: true });
  expect((r.doc as { ref: { toHexString(): string } }).ref.toHexString()).toBe(hex);
});

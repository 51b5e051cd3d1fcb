/**
 * Query semantics through the real wx-server-sdk. Expected results follow MongoDB's documented
 * behaviour (the platform's database is MongoDB-compatible), not mingo's.
 */
import { ObjectId } from 'bson';
import { DatabaseEngine } from './engine';
import { ok } from './sdk-call';
import { startHarness, type Harness } from './test-harness';

const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
let engine: DatabaseEngine;
let h: Harness;
let db: ReturnType<Harness['cloud']['database']>;
let _: ReturnType<Harness['cloud']['database']>['command'];

const FIXTURE = [
  {
    _id: 'a',
    n: 1,
    s: 'apple',
    tags: ['x', 'y'],
    o: { p: 1 },
    arr: [
      { k: 1, v: 'a' },
      { k: 2, v: 'b' },
    ],
    at: new Date(Date.UTC(2026, 0, 1)),
  },
  {
    _id: 'b',
    n: 5,
    s: 'Banana',
    tags: ['y'],
    o: { p: 2 },
    arr: [{ k: 3 }],
    nums: [1, 5, 9],
    at: new Date(Date.UTC(2026, 0, 10)),
  },
  { _id: 'c', n: 10, s: 'cherry', tags: [], nums: [2, 4], nested: [[{ k: 1 }]] },
  { _id: 'd', n: null, s: 'date' },
  { _id: 'e', n: '7', tags: 'x' },
  { _id: 'f', s: 'fig' },
];

beforeAll(async () => {
  engine = new DatabaseEngine({
    file: ':memory:',
    collections: [
      { name: 'items', doc: 'test', indexes: [] },
      { name: 'big', doc: 'test', indexes: [] },
    ],
    now: () => NOW,
  });
  for (const d of FIXTURE) engine.insertDoc('items', d);
  h = await startHarness(engine);
  db = h.cloud.database();
  _ = db.command;
});
afterAll(async () => {
  await h.close();
  engine.close();
});

async function ids(query: Record<string, unknown>): Promise<string[]> {
  const res = await ok(db.collection('items').where(query).get());
  return (res.data as Array<{ _id: string }>).map((d) => d._id);
}

describe('equality', () => {
  it('matches a scalar', async () => expect(await ids({ n: 5 })).toEqual(['b']));
  it('matches an array that contains the value, and the scalar itself', async () =>
    expect(await ids({ tags: 'x' })).toEqual(['a', 'e']));
  it('matches a whole array exactly', async () => {
    expect(await ids({ tags: ['y'] })).toEqual(['b']);
    expect(await ids({ tags: _.eq(['x', 'y']) })).toEqual(['a']);
    expect(await ids({ tags: ['y', 'x'] })).toEqual([]);
  });
  it('matches null to null and to missing fields', async () =>
    expect(await ids({ n: _.eq(null) })).toEqual(['d', 'f']));
  it('does not compare across types (5 is not "5")', async () => expect(await ids({ n: '5' })).toEqual([]));
  it('matches nested objects written as objects (flattened to dotted paths)', async () =>
    expect(await ids({ o: { p: 1 } })).toEqual(['a']));
  it('reaches into arrays of objects with a dotted path', async () => expect(await ids({ 'arr.k': 3 })).toEqual(['b']));
  it('indexes arrays with a numeric path part', async () => expect(await ids({ 'tags.1': 'y' })).toEqual(['a']));
  it('does not enter arrays nested directly in arrays', async () => expect(await ids({ 'nested.k': 1 })).toEqual([]));
  it('treats array elements lacking the field as null', async () =>
    expect(await ids({ 'arr.v': null })).toEqual(['b', 'c', 'd', 'e', 'f']));
});

describe('comparison', () => {
  it('neq also matches missing and null fields', async () =>
    expect(await ids({ n: _.neq(5) })).toEqual(['a', 'c', 'd', 'e', 'f']));
  it('gt stays inside the number type bracket', async () => expect(await ids({ n: _.gt(1) })).toEqual(['b', 'c']));
  it('gte / lt / lte', async () => {
    expect(await ids({ n: _.gte(5) })).toEqual(['b', 'c']);
    expect(await ids({ n: _.lt(5) })).toEqual(['a']);
    expect(await ids({ n: _.lte(5) })).toEqual(['a', 'b']);
  });
  it('compares strings in binary order (uppercase first)', async () =>
    expect(await ids({ s: _.lt('b') })).toEqual(['a', 'b']));
  it('range conditions on an array field match any element', async () =>
    expect(await ids({ nums: _.gt(8) })).toEqual(['b']));
  it('combines conditions on one field with and()', async () =>
    expect(await ids({ n: _.gt(1).and(_.lt(10)) })).toEqual(['b']));
  it('compares dates', async () => expect(await ids({ at: _.gt(new Date(Date.UTC(2026, 0, 5))) })).toEqual(['b']));
});

describe('sets and logic', () => {
  it('in matches any listed value', async () => expect(await ids({ n: _.in([1, 10]) })).toEqual(['a', 'c']));
  it('in with null matches missing fields', async () => expect(await ids({ n: _.in([null]) })).toEqual(['d', 'f']));
  it('nin matches missing fields', async () => expect(await ids({ n: _.nin([1, 10]) })).toEqual(['b', 'd', 'e', 'f']));
  it('in on an array field matches any element', async () =>
    expect(await ids({ tags: _.in(['y']) })).toEqual(['a', 'b']));
  it('or across fields', async () => expect(await ids(_.or([{ n: 1 }, { s: 'date' }]) as never)).toEqual(['a', 'd']));
  it('and across fields', async () =>
    expect(await ids(_.and([{ tags: 'y' }, { n: _.gt(1) }]) as never)).toEqual(['b']));
  it('nor matches documents failing every clause', async () =>
    expect(await ids(_.nor([{ n: 1 }, { n: 5 }]) as never)).toEqual(['c', 'd', 'e', 'f']));
  it('not negates a condition and matches missing fields', async () =>
    expect(await ids({ n: _.not(_.gt(1)) })).toEqual(['a', 'd', 'e', 'f']));
});

describe('element and array operators', () => {
  it('exists', async () => {
    expect(await ids({ n: _.exists(false) })).toEqual(['f']);
    expect(await ids({ 'o.p': _.exists(true) })).toEqual(['a', 'b']);
  });
  it('size', async () => {
    expect(await ids({ tags: _.size(0) })).toEqual(['c']);
    expect(await ids({ nums: _.size(2) })).toEqual(['c']);
  });
  it('all needs every value; all([]) matches nothing', async () => {
    expect(await ids({ tags: _.all(['y', 'x']) })).toEqual(['a']);
    expect(await ids({ tags: _.all([]) })).toEqual([]);
  });
  it('elemMatch on objects needs one element to satisfy every condition', async () => {
    expect(await ids({ arr: _.elemMatch({ k: _.gte(2), v: 'b' }) })).toEqual(['a']);
    expect(await ids({ arr: _.elemMatch({ k: 1, v: 'b' }) })).toEqual([]);
  });
  // The SDK serialises _.elemMatch(_.gt(4)) as its internal object; raw operators are what it can send.
  it('elemMatch with operators applies to scalar elements', async () =>
    expect(await ids({ nums: _.elemMatch({ $gt: 4, $lt: 6 }) })).toEqual(['b']));
  it('elemMatch with a field condition never matches scalar elements', async () =>
    expect(await ids({ nums: _.elemMatch({ k: 1 }) })).toEqual([]));
  it('mod matches numbers only (not null, not numeric strings)', async () =>
    expect(await ids({ n: _.mod(5, 0) })).toEqual(['b', 'c']));
});

describe('regular expressions and special values', () => {
  it('db.RegExp with options', async () =>
    expect(await ids({ s: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b']));
  it('a JS RegExp literal', async () => expect(await ids({ s: /an/ })).toEqual(['b']));
  it('stores serverDate with an offset using the server clock', async () => {
    const { _id } = await ok(
      db
        .collection('items')
        .add({ data: { k: 'sd', at: (db.serverDate as (o: { offset: number }) => unknown)({ offset: 60_000 }) } }),
    );
    const got = await ok(
      db
        .collection('items')
        .doc(_id as string)
        .get(),
    );
    expect((got.data as { at: Date }).at).toEqual(new Date(NOW + 60_000));
    await db.collection('items').doc(_id).remove();
  });
  it('round-trips Date, RegExp, nested arrays and numbers of each width', async () => {
    const data = {
      _id: 'rt',
      d: new Date(123),
      re: db.RegExp({ regexp: 'a.c', options: 'im' }),
      m: [[1, 2.5], { z: -3 }],
      big: 2 ** 40,
    };
    await db.collection('items').add({ data });
    const got = (await ok(db.collection('items').doc('rt').get())).data as Record<string, unknown>;
    expect(got.d).toEqual(new Date(123));
    expect(got.re).toMatchObject({ pattern: 'a.c', options: 'im' });
    expect(got.m).toEqual([[1, 2.5], { z: -3 }]);
    expect(got.big).toBe(2 ** 40);
    await db.collection('items').doc('rt').remove();
  });
  it('accepts numeric document ids, distinct from their string form', async () => {
    await db
      .collection('items')
      .doc(42)
      .set({ data: { v: 'number' } });
    await db
      .collection('items')
      .doc('42')
      .set({ data: { v: 'string' } });
    expect(((await ok(db.collection('items').doc(42).get())).data as { v: string }).v).toBe('number');
    expect(((await ok(db.collection('items').doc('42').get())).data as { v: string }).v).toBe('string');
    await db.collection('items').doc(42).remove();
    await db.collection('items').doc('42').remove();
  });
  // The wire carries {$oid}; the SDK's own result formatting then turns an ObjectId into {} (its
  // behaviour in production too), so the check is on the wire reply and on the stored value.
  it('keeps an ObjectId _id through updates and on the wire', async () => {
    const oid = new ObjectId();
    engine.insertDoc('items', { _id: oid, k: 'oid' });
    await db
      .collection('items')
      .where({ k: 'oid' })
      .update({ data: { v: 1 } });
    const raw = engine.handle({ action: 'database.getDocument', collectionName: 'items', query: '{"k":"oid"}' });
    expect((raw.data as { list: string[] }).list[0]).toContain(`{"$oid":"${oid.toHexString()}"}`);
    expect(engine.findDocs('items', { k: 'oid' })[0]).toEqual({ _id: oid, k: 'oid', v: 1 });
    await db.collection('items').where({ k: 'oid' }).remove();
    expect(engine.findDocs('items', { k: 'oid' })).toEqual([]);
  });
});

describe('order, paging, projection, count', () => {
  it('returns unsorted results in insertion order, unchanged by updates', async () => {
    await db
      .collection('items')
      .doc('a')
      .update({ data: { touched: 1 } });
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('sorts across types in BSON order: null/missing, numbers, strings', async () => {
    const res = await ok(db.collection('items').orderBy('n', 'asc').get());
    expect((res.data as Array<{ _id: string }>).map((d) => d._id)).toEqual(['d', 'f', 'a', 'b', 'c', 'e']);
  });
  it('sorts arrays by their largest element descending, keeping ties in natural order', async () => {
    const res = await ok(
      db
        .collection('items')
        .where({ nums: _.exists(true) })
        .orderBy('nums', 'desc')
        .get(),
    );
    expect((res.data as Array<{ _id: string }>).map((d) => d._id)).toEqual(['b', 'c']);
  });
  it('sorts by several keys, then skips and limits', async () => {
    const res = await ok(db.collection('items').orderBy('s', 'desc').orderBy('n', 'asc').skip(1).limit(2).get());
    // s descending: fig, date, cherry, apple, Banana (uppercase sorts first), then e (no s).
    expect((res.data as Array<{ _id: string }>).map((d) => d._id)).toEqual(['d', 'c']);
  });
  it('projects included fields (and _id)', async () => {
    const res = await ok(db.collection('items').where({ _id: 'b' }).field({ n: true, 'o.p': true }).get());
    expect(res.data).toEqual([{ _id: 'b', n: 5, o: { p: 2 } }]);
  });
  it('projects excluded fields', async () => {
    const res = await ok(db.collection('items').doc('d').field({ s: false }).get());
    expect(res.data).toEqual({ _id: 'd', n: null });
  });
  it('counts matches', async () => {
    expect((await ok(db.collection('items').where({ tags: 'y' }).count())).total).toBe(2);
    expect((await ok(db.collection('items').count())).total).toBe(6);
  });
  it('get() returns 100 documents by default and at most 1000', async () => {
    const docs = Array.from({ length: 1100 }, (_v, i) => ({ i }));
    for (let i = 0; i < docs.length; i += 500) await db.collection('big').add({ data: docs.slice(i, i + 500) });
    expect((await ok(db.collection('big').get())).data).toHaveLength(100);
    expect((await ok(db.collection('big').limit(5000).get())).data).toHaveLength(1000);
    // A client that skips the SDK's clamp still gets 1000 from the server.
    const raw = engine.handle({
      action: 'database.getDocument',
      collectionName: 'big',
      queryType: 'WHERE',
      limit: 5000,
    });
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000);
    expect(
      (
        await ok(
          db
            .collection('big')
            .where({ i: _.gte(1050) })
            .get(),
        )
      ).data,
    ).toHaveLength(50);
  });
});

describe('query errors', () => {
  it('answers an unknown collection with collection-not-exist (-502005)', async () => {
    await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });
  it('answers an unknown operator with invalid-operator (-502002)', () => {
    const r = engine.handle({ action: 'database.getDocument', collectionName: 'items', query: '{"n":{"$nearly":1}}' });
    expect(r).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
  });
  it('answers an unknown action without throwing', () => {
    expect(engine.handle({ action: 'database.dropEverything' })).toMatchObject({ code: 'ACTION_NOT_SUPPORTED' });
  });
});

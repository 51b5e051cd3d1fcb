/** Aggregation through the real wx-server-sdk. */
import { runPipeline } from './aggregate';
import { decodeValue } from './ejson';
import { DatabaseEngine } from './engine';
import { ok } from './sdk-call';
import { startHarness, type Harness } from './test-harness';

let engine: DatabaseEngine;
let h: Harness;
let db: ReturnType<Harness['cloud']['database']>;

beforeAll(async () => {
  engine = new DatabaseEngine({
    file: ':memory:',
    collections: [
      { name: 'sales', doc: 'test', indexes: [] },
      { name: 'stores', doc: 'test', indexes: [] },
      { name: 'orders', doc: 'test', indexes: [] },
    ],
  });
  const sales = [
    { _id: 's1', store: 'A', amt: 5, tags: ['x', 'y'], at: new Date(Date.UTC(2026, 0, 1)) },
    { _id: 's2', store: 'B', amt: 7, tags: [] },
    { _id: 's3', store: 'A', amt: 1, tags: ['x'] },
    { _id: 's4', store: 'C', amt: 9 },
  ];
  for (const s of sales) engine.insertDoc('sales', s);
  // A separate collection for the $match pushdown cases, so the ones above keep their data.
  for (const s of sales) engine.insertDoc('orders', s);
  engine.insertDoc('orders', { _id: 's5', store: 'B', amt: 3, tags: ['y'], meta: { src: 'app', n: 1 } });
  engine.insertDoc('orders', { _id: 's6', store: 'A', amt: 8, tags: ['y', 'z'], meta: { src: 'h5', n: 2 } });
  engine.insertDoc('stores', { _id: 'A', city: '上海' });
  engine.insertDoc('stores', { _id: 'B', city: '杭州' });
  h = await startHarness(engine);
  db = h.cloud.database();
});
afterAll(async () => {
  await h.close();
  engine.close();
});

interface Pipeline {
  pipeline(): { match(q: object): { project(p: object): { done(): unknown } } };
}
const agg = () => db.collection('sales').aggregate();
const ids = (list: unknown[]) => (list as Array<{ _id: unknown }>).map((d) => d._id);

it('returns documents in natural order when no stage sorts', async () => {
  expect(
    ids(
      (
        await ok(
          agg()
            .match({ amt: db.command.gt(0) })
            .end(),
        )
      ).list,
    ),
  ).toEqual(['s1', 's2', 's3', 's4']);
});

it('match uses MongoDB semantics (equality on an array matches an element)', async () => {
  expect(ids((await ok(agg().match({ tags: 'x' }).end())).list)).toEqual(['s1', 's3']);
});

it('groups with sum, avg, min, max, first, last, push, addToSet and a count', async () => {
  const $ = db.command.aggregate;
  const { list } = await ok(
    agg()
      .group({
        _id: '$store',
        total: $.sum('$amt'),
        avg: $.avg('$amt'),
        min: $.min('$amt'),
        max: $.max('$amt'),
        first: $.first('$amt'),
        last: $.last('$amt'),
        all: $.push('$amt'),
        stores: $.addToSet('$store'),
        n: $.sum(1),
      })
      .sort({ _id: 1 })
      .end(),
  );
  expect(list).toEqual([
    { _id: 'A', total: 6, avg: 3, min: 1, max: 5, first: 5, last: 1, all: [5, 1], stores: ['A'], n: 2 },
    { _id: 'B', total: 7, avg: 7, min: 7, max: 7, first: 7, last: 7, all: [7], stores: ['B'], n: 1 },
    { _id: 'C', total: 9, avg: 9, min: 9, max: 9, first: 9, last: 9, all: [9], stores: ['C'], n: 1 },
  ]);
});

it('projects, adds fields, sorts, skips and limits', async () => {
  const $ = db.command.aggregate;
  const { list } = await ok(
    agg()
      .project({ amt: 1 })
      .addFields({ double: $.multiply(['$amt', 2]) })
      .sort({ double: -1 })
      .skip(1)
      .limit(2)
      .end(),
  );
  expect(list).toEqual([
    { _id: 's2', amt: 7, double: 14 },
    { _id: 's1', amt: 5, double: 10 },
  ]);
});

it('counts', async () => {
  expect((await ok(agg().match({ store: 'A' }).count('n').end())).list).toEqual([{ n: 2 }]);
});

it('unwinds arrays, optionally keeping empty and missing ones', async () => {
  expect(((await ok(agg().unwind('$tags').end())).list as Array<{ tags: string }>).map((d) => d.tags)).toEqual([
    'x',
    'y',
    'x',
  ]);
  expect((await ok(agg().unwind({ path: '$tags', preserveNullAndEmptyArrays: true }).end())).list).toHaveLength(5);
});

it('looks up with localField/foreignField', async () => {
  const { list } = await ok(
    agg().match({ _id: 's2' }).lookup({ from: 'stores', localField: 'store', foreignField: '_id', as: 'shop' }).end(),
  );
  expect((list[0] as { shop: unknown }).shop).toEqual([{ _id: 'B', city: '杭州' }]);
});

it('looks up with let and a pipeline', async () => {
  const $ = db.command.aggregate;
  const { list } = await ok(
    db
      .collection('stores')
      .aggregate()
      .lookup({
        from: 'sales',
        let: { sid: '$_id' },
        // pipeline() and expr() exist at runtime but are missing from wx-server-sdk's d.ts.
        pipeline: (<T>(x: unknown) => x as T)<Pipeline>($)
          .pipeline()
          .match((db.command as unknown as { expr(e: unknown): object }).expr($.eq(['$store', '$$sid'])))
          .project({ _id: 0, amt: 1 })
          .done(),
        as: 'sales',
      })
      .end(),
  );
  expect(list).toEqual([
    { _id: 'A', city: '上海', sales: [{ amt: 5 }, { amt: 1 }] },
    { _id: 'B', city: '杭州', sales: [{ amt: 7 }] },
  ]);
});

it('samples the requested number of distinct documents', async () => {
  const { list } = await ok(agg().sample({ size: 2 }).end());
  expect(new Set(ids(list)).size).toBe(2);
});

// wx-server-sdk's aggregate wrapper reports every failure as errCode -1; the message carries ours.
it('answers an unknown collection with the collection-not-exist error', async () => {
  await expect(db.collection('nope').aggregate().match({}).end()).rejects.toMatchObject({
    errCode: -1,
    errMsg: expect.stringContaining('Db or Table not exist'),
  });
});

describe('a leading $match applied while scanning', () => {
  /** The engine over the wire format, as the SDK sends it. */
  const aggregate = (pipeline: Record<string, unknown>[]) => {
    const reply = engine.handle({
      action: 'database.aggregateDocuments',
      collectionName: 'orders',
      stages: pipeline.map((stage) => {
        const [[stageKey, value]] = Object.entries(stage) as [[string, unknown]];
        return { stageKey, stageValue: JSON.stringify(value) };
      }),
    });
    if (reply.code) throw new Error(String(reply.message));
    return (reply.data as { list: string[] }).list.map((t) => decodeValue(t, 0));
  };
  /** The previous path: a copy of the whole collection, then every stage in order. */
  const reference = (pipeline: Record<string, unknown>[]) =>
    runPipeline(engine.findDocs('orders'), pipeline, (name) => engine.findDocs(name));

  const cases: [string, Record<string, unknown>[]][] = [
    [
      'group and sort',
      [
        { $match: { amt: { $gte: 3 } } },
        { $group: { _id: '$store', n: { $sum: 1 }, all: { $push: '$amt' } } },
        { $sort: { _id: 1 } },
      ],
    ],
    ['array element equality, then skip and limit', [{ $match: { tags: 'y' } }, { $skip: 1 }, { $limit: 2 }]],
    [
      'an _id lookup, then $lookup',
      [
        { $match: { _id: 's5' } },
        { $lookup: { from: 'stores', localField: 'store', foreignField: '_id', as: 'shop' } },
      ],
    ],
    [
      '$in and $exists, then nested $addFields and $sort',
      [
        { $match: { store: { $in: ['A', 'B'] }, meta: { $exists: true } } },
        { $addFields: { 'meta.double': { $multiply: ['$amt', 2] } } },
        { $sort: { amt: -1 } },
      ],
    ],
    [
      '$or, then $unwind and $sortByCount',
      [
        { $match: { $or: [{ store: 'C' }, { amt: { $lt: 4 } }] } },
        { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } },
        { $sortByCount: '$store' },
      ],
    ],
    ['nothing matching, then $count', [{ $match: { store: 'Z' } }, { $count: 'n' }]],
    [
      'two $match stages and a $project',
      [{ $match: { amt: { $gt: 1 } } }, { $match: { 'meta.src': 'h5' } }, { $project: { amt: 1, 'meta.src': 1 } }],
    ],
  ];
  it.each(cases)('gives the same results as matching after a full copy: %s', (_name, pipeline) => {
    const expected = reference(pipeline);
    expect(aggregate(pipeline)).toEqual(expected);
  });

  it('the reference itself filters (a wrong matcher would change these counts)', () => {
    expect(reference([{ $match: { tags: 'y' } }])).toHaveLength(3);
    expect(aggregate([{ $match: { tags: 'y' } }])).toHaveLength(3);
    expect(aggregate([{ $match: { _id: 's5' } }, { $count: 'n' }])).toEqual([{ n: 1 }]);
  });

  it('leaves stored documents untouched by stages that write nested paths', () => {
    const before = engine.snapshot();
    aggregate([{ $match: { _id: 's6' } }, { $addFields: { 'meta.n': 99 } }]);
    aggregate([{ $addFields: { 'meta.src': 'x' } }, { $unwind: '$tags' }, { $set: { 'meta.tag': '$tags' } }]);
    aggregate([
      { $match: { amt: { $gt: 0 } } },
      { $group: { _id: null, docs: { $push: '$$ROOT' } } },
      { $sort: { _id: 1 } },
    ]);
    aggregate([
      { $lookup: { from: 'stores', localField: 'store', foreignField: '_id', as: 'shop' } },
      { $unwind: '$shop' },
      { $addFields: { 'shop.city': 'x' } },
    ]);
    expect(engine.snapshot()).toBe(before);
    expect(engine.findDocs('orders', { _id: 's6' })[0]).toMatchObject({ meta: { src: 'h5', n: 2 } });
  });
});

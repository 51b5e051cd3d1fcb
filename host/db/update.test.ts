/** Update semantics through the real wx-server-sdk (MongoDB's rules for each operator). */
import { DatabaseEngine } from './engine';
import { ok } from './sdk-call';
import { startHarness, type Harness } from './test-harness';

let engine: DatabaseEngine;
let h: Harness;
let db: ReturnType<Harness['cloud']['database']>;
let _: ReturnType<Harness['cloud']['database']>['command'];
const coll = () => db.collection('docs');

beforeAll(async () => {
  engine = new DatabaseEngine({ file: ':memory:', collections: [{ name: 'docs', doc: 'test', indexes: [] }] });
  h = await startHarness(engine);
  db = h.cloud.database();
  _ = db.command;
});
afterAll(async () => {
  await h.close();
  engine.close();
});

/** Resets doc `t` and returns it after `data` is applied with update(). */
async function afterUpdate(
  data: Record<string, unknown>,
  start: Record<string, unknown> = BASE,
): Promise<Record<string, unknown>> {
  await coll().doc('t').set({ data: start });
  await coll().doc('t').update({ data });
  return stored('t');
}
const stored = (id: string) => engine.findDocs('docs', { _id: id })[0] as Record<string, unknown>;
const BASE = { n: 5, s: 'x', o: { p: 1, q: { r: 2 } }, arr: [3, 1, 2], objs: [{ k: 2 }, { k: 1 }], tags: ['a'] };

describe('field operators', () => {
  it('update() merges nested objects field by field', async () =>
    expect(await afterUpdate({ o: { q: { z: 9 } }, added: true })).toMatchObject({
      o: { p: 1, q: { r: 2, z: 9 } },
      added: true,
      n: 5,
    }));
  it('_.set() replaces a nested object whole', async () =>
    expect((await afterUpdate({ o: _.set({ only: 1 }) })).o).toEqual({ only: 1 }));
  it('inc adds, and creates a missing field', async () =>
    expect(await afterUpdate({ n: _.inc(-2), fresh: _.inc(3) })).toMatchObject({ n: 3, fresh: 3 }));
  it('mul multiplies, and a missing field becomes 0', async () =>
    expect(await afterUpdate({ n: _.mul(3), fresh: _.mul(3) })).toMatchObject({ n: 15, fresh: 0 }));
  it('min and max replace only when smaller / larger', async () => {
    expect(await afterUpdate({ n: _.min(2), 'o.p': _.max(0) })).toMatchObject({ n: 2, o: { p: 1 } });
    expect(await afterUpdate({ n: _.max(9) })).toMatchObject({ n: 9 });
  });
  it('remove() deletes a field, nested paths included', async () => {
    const d = await afterUpdate({ s: _.remove(), o: { q: _.remove() } });
    expect(d).not.toHaveProperty('s');
    expect(d.o).toEqual({ p: 1 });
  });
  it('rename moves a value to a new name', async () => {
    const d = await afterUpdate({ s: _.rename('t') });
    expect(d).toMatchObject({ t: 'x' });
    expect(d).not.toHaveProperty('s');
  });
  it('sets an array element by index path', async () =>
    expect((await afterUpdate({ 'arr.1': 100 })).arr).toEqual([3, 100, 2]));
  it('refuses inc on a non-number and writes nothing', async () => {
    await coll().doc('t').set({ data: BASE });
    const before = engine.snapshot();
    await expect(
      coll()
        .doc('t')
        .update({ data: { s: _.inc(1) } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    expect(engine.snapshot()).toBe(before);
  });
  it('refuses two operators on overlapping paths', async () => {
    await coll().doc('t').set({ data: BASE });
    await expect(
      coll()
        .doc('t')
        .update({ data: { o: _.set({ a: 1 }), 'o.p': _.inc(1) } }),
    ).rejects.toMatchObject({ errCode: -502001 });
  });
  it('never changes _id (server-side check; the SDK also refuses it)', async () => {
    await coll().doc('t').set({ data: BASE });
    const r = engine.handle({
      action: 'database.modifyDocument',
      collectionName: 'docs',
      queryType: 'DOC',
      query: '{"_id":"t"}',
      data: '{"$set":{"_id":"u"}}',
      merge: true,
    });
    expect(r).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(stored('t')._id).toBe('t');
    await expect(
      coll()
        .doc('t')
        .update({ data: { _id: 'u' } }),
    ).rejects.toThrow();
  });
});

describe('array operators', () => {
  it('push appends one or several values', async () => {
    expect((await afterUpdate({ arr: _.push(7) })).arr).toEqual([3, 1, 2, 7]);
    expect((await afterUpdate({ arr: _.push([7, 8]) })).arr).toEqual([3, 1, 2, 7, 8]);
  });
  it('push with each/position/sort/slice applies position, then sort, then slice', async () => {
    expect((await afterUpdate({ arr: _.push({ each: [9, 0], position: 1 }) })).arr).toEqual([3, 9, 0, 1, 2]);
    expect((await afterUpdate({ arr: _.push({ each: [9, 0], sort: 1, slice: 3 }) })).arr).toEqual([0, 1, 2]);
    expect((await afterUpdate({ arr: _.push({ each: [9], slice: -2 }) })).arr).toEqual([2, 9]);
    expect((await afterUpdate({ objs: _.push({ each: [{ k: 0 }], sort: { k: -1 } }) })).objs).toEqual([
      { k: 2 },
      { k: 1 },
      { k: 0 },
    ]);
  });
  it('push creates a missing array and refuses a non-array', async () => {
    expect((await afterUpdate({ fresh: _.push('v') })).fresh).toEqual(['v']);
    await expect(afterUpdate({ s: _.push('v') })).rejects.toMatchObject({ errCode: -502001 });
  });
  it('pop removes the last element, shift the first', async () => {
    expect((await afterUpdate({ arr: _.pop() })).arr).toEqual([3, 1]);
    expect((await afterUpdate({ arr: _.shift() })).arr).toEqual([1, 2]);
  });
  it('unshift prepends values in order', async () =>
    expect((await afterUpdate({ arr: _.unshift(8, 9) })).arr).toEqual([8, 9, 3, 1, 2]));
  it('pull removes equal values, values matching a condition, and documents matching a query', async () => {
    expect((await afterUpdate({ arr: _.pull(1) })).arr).toEqual([3, 2]);
    expect((await afterUpdate({ arr: _.pull(_.gte(2)) })).arr).toEqual([1]);
    expect((await afterUpdate({ objs: _.pull({ k: 1 }) })).objs).toEqual([{ k: 2 }]);
  });
  it('pullAll removes every listed value', async () =>
    expect((await afterUpdate({ arr: _.pullAll([3, 2]) })).arr).toEqual([1]));
  it('addToSet adds only missing values, with each', async () => {
    expect((await afterUpdate({ tags: _.addToSet('a') })).tags).toEqual(['a']);
    expect((await afterUpdate({ tags: _.addToSet({ $each: ['a', 'b', 'b', 'c'] }) })).tags).toEqual(['a', 'b', 'c']);
  });
});

describe('set, update, upsert and remove', () => {
  it('doc().set() replaces the whole document but keeps _id', async () => {
    await coll()
      .doc('r')
      .set({ data: { a: 1, b: 2 } });
    const res = await ok(
      coll()
        .doc('r')
        .set({ data: { c: 3 } }),
    );
    expect(stored('r')).toEqual({ _id: 'r', c: 3 });
    expect(res.stats).toEqual({ updated: 1, created: 0 });
  });
  it('doc().set() on a missing document creates it (upsert)', async () => {
    const res = await ok(
      coll()
        .doc('new1')
        .set({ data: { a: 1 } }),
    );
    expect(res.stats).toEqual({ updated: 0, created: 1 });
    expect(stored('new1')).toEqual({ _id: 'new1', a: 1 });
  });
  it('doc().update() on a missing document changes nothing', async () => {
    const res = await ok(
      coll()
        .doc('ghost')
        .update({ data: { a: 1 } }),
    );
    expect(res.stats.updated).toBe(0);
    expect(stored('ghost')).toBeUndefined();
  });
  it('counts a no-op update as not updated', async () => {
    await coll()
      .doc('same')
      .set({ data: { a: 1 } });
    expect(
      (
        await ok(
          coll()
            .doc('same')
            .update({ data: { a: 1 } }),
        )
      ).stats.updated,
    ).toBe(0);
  });
  it('where().update() changes every match', async () => {
    await coll().add({
      data: [
        { g: 'm', v: 1 },
        { g: 'm', v: 2 },
        { g: 'other', v: 3 },
      ],
    });
    expect(
      (
        await ok(
          coll()
            .where({ g: 'm' })
            .update({ data: { v: _.inc(10) } }),
        )
      ).stats.updated,
    ).toBe(2);
    expect(engine.findDocs('docs', { g: 'm' }).map((d) => d.v)).toEqual([11, 12]);
  });
  it('doc().remove() and where().remove()', async () => {
    expect((await ok(coll().doc('same').remove())).stats.removed).toBe(1);
    expect(
      (
        await ok(
          coll()
            .where({ g: _.in(['m', 'other']) })
            .remove(),
        )
      ).stats.removed,
    ).toBe(3);
    expect(engine.findDocs('docs', { g: { $exists: true } })).toHaveLength(0);
  });
  it('updateAndReturn (modifyAndReturnDoc) returns the updated document', async () => {
    await coll()
      .doc('uar')
      .set({ data: { n: 1 } });
    // wx-server-sdk does not wrap updateAndReturn; its underlying @cloudbase/database query does.
    const inner = (
      db as unknown as {
        _db: {
          collection(n: string): {
            where(q: object): { updateAndReturn(d: object): Promise<{ updated: number; doc: unknown }> };
          };
        };
      }
    )._db;
    const res = await inner
      .collection('docs')
      .where({ _id: 'uar' })
      .updateAndReturn({ n: _.inc(4) });
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'uar', n: 5 } });
    expect(stored('uar').n).toBe(5);
  });
});

describe('insert rules', () => {
  it('generates a 32-hex _id', async () =>
    expect((await ok(coll().add({ data: { a: 1 } })))._id).toMatch(/^[0-9a-f]{32}$/));
  it('refuses a duplicate _id with E11000 (-502001), writing nothing', async () => {
    await coll().add({ data: { _id: 'dup', a: 1 } });
    const before = engine.snapshot();
    await expect(coll().add({ data: { _id: 'dup', a: 2 } })).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('E11000'),
    });
    await expect(coll().add({ data: [{ _id: 'fresh' }, { _id: 'fresh' }] })).rejects.toMatchObject({
      errCode: -502001,
    });
    expect(engine.snapshot()).toBe(before);
  });
  it.each([
    ['a leading $', { $bad: 1 }],
    ['a dot inside a name', { 'a.b': 1 }],
    ['an empty name', { '': 1 }],
    ['a leading $ in a nested object', { o: { $x: 1 } }],
    ['a dot in a nested name', { o: [{ 'x.y': 1 }] }],
  ])('refuses field names with %s', (_name, data) => {
    const before = engine.snapshot();
    const r = engine.handle({
      action: 'database.insertDocument',
      collectionName: 'docs',
      data: [JSON.stringify(data)],
    });
    expect(r).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(engine.snapshot()).toBe(before);
  });
  it('refuses a document over the size cap', () => {
    const r = engine.handle({
      action: 'database.insertDocument',
      collectionName: 'docs',
      data: [JSON.stringify({ big: 'x'.repeat(17 * 1024 * 1024) })],
    });
    expect(r).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('too large') });
  });
});

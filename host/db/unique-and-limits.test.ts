/** Unique indexes from CollectionSpec and the platform's size limits, through the real SDK. */
import { COLLECTIONS } from '@core/db/schema';
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
      ...COLLECTIONS,
      {
        name: 'people',
        doc: 'test',
        indexes: [
          { name: 'email', keys: { email: 1 }, unique: true },
          { name: 'age', keys: { age: 1 } },
        ],
      },
      { name: 'slots', doc: 'test', indexes: [{ name: 'store_day', keys: { 'at.store': 1, day: -1 }, unique: true }] },
      {
        name: 'sparse',
        doc: 'test',
        indexes: [{ name: 'code', keys: { code: 1 }, unique: true, sparse: true }],
      },
      { name: 'blobs', doc: 'test', indexes: [] },
    ],
  });
  h = await startHarness(engine);
  db = h.cloud.database();
});
afterAll(async () => {
  await h.close();
  engine.close();
});

const E11000 = { errCode: -502001, errMsg: expect.stringContaining('E11000 duplicate key error') };

describe('unique indexes', () => {
  it('enforces the unique index declared in core/db/schema.ts (stores.name)', async () => {
    await db.collection('stores').add({ data: { name: '静安店' } });
    await expect(db.collection('stores').add({ data: { name: '静安店' } })).rejects.toMatchObject(E11000);
    expect(engine.findDocs('stores', { name: '静安店' })).toHaveLength(1);
  });
  it('refuses an insert batch with a duplicate and writes none of it', async () => {
    await db.collection('people').add({ data: { _id: 'p1', email: 'a@x', age: 30 } });
    const before = engine.snapshot();
    await expect(db.collection('people').add({ data: [{ email: 'new@x' }, { email: 'a@x' }] })).rejects.toMatchObject(
      E11000,
    );
    expect(engine.snapshot()).toBe(before);
  });
  it('refuses an update that would duplicate a key, writing nothing', async () => {
    await db.collection('people').add({ data: { _id: 'p2', email: 'b@x', age: 30 } });
    const before = engine.snapshot();
    await expect(
      db
        .collection('people')
        .doc('p2')
        .update({ data: { email: 'a@x' } }),
    ).rejects.toMatchObject(E11000);
    await expect(
      db
        .collection('people')
        .where({ age: 30 })
        .update({ data: { email: 'same@x' } }),
    ).rejects.toMatchObject(E11000);
    expect(engine.snapshot()).toBe(before);
  });
  it('frees a key when its document changes or goes', async () => {
    await db
      .collection('people')
      .doc('p1')
      .update({ data: { email: 'moved@x' } });
    await db.collection('people').add({ data: { _id: 'p3', email: 'a@x' } });
    await db.collection('people').doc('p3').remove();
    await expect(db.collection('people').add({ data: { email: 'a@x' } })).resolves.toBeDefined();
  });
  it('does not constrain non-unique indexes', async () => {
    await expect(db.collection('people').add({ data: { email: 'c@x', age: 30 } })).resolves.toBeDefined();
  });
  it('enforces compound indexes on dotted paths', async () => {
    await db.collection('slots').add({ data: { at: { store: 'S1' }, day: 1 } });
    await db.collection('slots').add({ data: { at: { store: 'S1' }, day: 2 } });
    await db.collection('slots').add({ data: { at: { store: 'S2' }, day: 1 } });
    await expect(db.collection('slots').add({ data: { at: { store: 'S1' }, day: 2 } })).rejects.toMatchObject(E11000);
  });
  it('treats a missing key as null, so two documents without it collide (MongoDB non-sparse)', async () => {
    await db.collection('people').add({ data: { name: 'no email' } });
    await expect(db.collection('people').add({ data: { name: 'also none' } })).rejects.toMatchObject(E11000);
  });
  it('skips documents without the key when the index is sparse', async () => {
    await db.collection('sparse').add({ data: { a: 1 } });
    await db.collection('sparse').add({ data: { a: 2 } });
    await db.collection('sparse').add({ data: { code: 'X' } });
    await expect(db.collection('sparse').add({ data: { code: 'X' } })).rejects.toMatchObject(E11000);
  });
  it('indexes every element of an array (multikey)', async () => {
    await db.collection('sparse').add({ data: { code: ['Y', 'Z'] } });
    await expect(db.collection('sparse').add({ data: { code: 'Z' } })).rejects.toMatchObject(E11000);
  });
});

describe('limits', () => {
  it('fails a result over 1 MB like the platform, and succeeds under it', async () => {
    const big = 'x'.repeat(400 * 1024);
    await db.collection('blobs').add({ data: [{ big }, { big }, { big }] });
    await expect(db.collection('blobs').get()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('exceed limit (1MB)'),
    });
    expect((await ok(db.collection('blobs').limit(2).get())).data).toHaveLength(2);
    await expect(db.collection('blobs').aggregate().match({}).end()).rejects.toMatchObject({
      errMsg: expect.stringContaining('1MB'),
    });
  });
  it('counts without the result-size limit', async () => {
    expect((await ok(db.collection('blobs').count())).total).toBe(3);
  });
  it('creates a collection with createCollection and refuses a second create', async () => {
    await expect(db.collection('made').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await db.createCollection('made');
    await db.collection('made').add({ data: { a: 1 } });
    expect((await ok(db.collection('made').count())).total).toBe(1);
    await expect(db.createCollection('made')).rejects.toMatchObject({
      errMsg: expect.stringContaining('ALREADY_EXIST'),
    });
  });
  it('rejects malformed wire bodies with INVALID_PARAM instead of throwing', () => {
    expect(engine.handle({ action: 'database.getDocument' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(
      engine.handle({ action: 'database.getDocument', collectionName: 'blobs', query: '{not json' }),
    ).toMatchObject({ code: 'INVALID_PARAM' });
    expect(
      engine.handle({ action: 'database.insertDocument', collectionName: 'blobs', data: ['[1,2]'] }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});

/** `$jsonSchema` as MongoDB defines it, sent as the SDK sends it (db.command.jsonSchema, _.and, _.nor). */
import { ok } from '../../host/db/sdk-call';
import { failure, startDbCloud, type DbCloud } from './db-support';

let c: DbCloud;
/** wx-server-sdk's typings omit jsonSchema, which its command object has (@cloudbase/database's). */
const command = () =>
  c.wx.command as DbCloud['wx']['command'] & { jsonSchema(schema: object): Record<string, unknown> };
beforeAll(async () => {
  c = await startDbCloud();
  const docs = [
    { _id: 'ok', name: '小鹿', age: 20, tags: ['a'], level: 'gold' },
    { _id: 'old', name: '老周', age: 70, tags: ['a', 'b'], level: 'gold' },
    { _id: 'text', name: 'x', age: '20', level: 'silver' },
    { _id: 'float', name: '阿文', age: 20.5, level: 'bronze', extra: true },
    { _id: 'anon', age: 30 },
  ];
  for (const d of docs) c.engine.insertDoc('plain', d);
});
afterAll(() => c.close());

const where = async (query: unknown) =>
  (
    (
      await ok(
        c.wx
          .collection('plain')
          .where(query as Record<string, unknown>)
          .get(),
      )
    ).data as Array<{ _id: string }>
  ).map((d) => d._id);

test('$jsonSchema alone filters by bsonType, required, properties, bounds, enum, lengths and pattern', async () => {
  const _ = command();
  expect(
    await where(
      _.jsonSchema({ required: ['name'], properties: { age: { bsonType: 'int', minimum: 18, maximum: 65 } } }),
    ),
  ).toEqual(['ok']);
  expect(await where(_.jsonSchema({ properties: { age: { bsonType: 'number' } } }))).toEqual([
    'ok',
    'old',
    'float',
    'anon',
  ]);
  expect(
    await where(_.jsonSchema({ properties: { age: { type: 'number', exclusiveMinimum: true, minimum: 20 } } })),
  ).toEqual(['old', 'float', 'anon']);
  expect(
    await where(_.jsonSchema({ properties: { level: { enum: ['gold', 'bronze'] } }, required: ['level'] })),
  ).toEqual(['ok', 'old', 'float']);
  expect(
    await where(
      _.jsonSchema({
        properties: { name: { bsonType: 'string', minLength: 2, maxLength: 2, pattern: '^[\\u4e00-\\u9fa5]+$' } },
      }),
    ),
  ).toEqual(['ok', 'old', 'float', 'anon']);
});

test('$jsonSchema inside _.and and _.nor', async () => {
  const _ = command();
  expect(await where(_.and(_.jsonSchema({ required: ['name'] }), { age: _.gt(25) }))).toEqual(['old']);
  expect(await where(_.nor(_.jsonSchema({ required: ['name'] }), { level: 'silver' }))).toEqual(['anon']);
  expect(await where(_.or(_.jsonSchema({ properties: { age: { bsonType: 'string' } } }), { _id: 'anon' }))).toEqual([
    'text',
    'anon',
  ]);
});

test('$jsonSchema items, uniqueItems and additionalProperties', async () => {
  const _ = command();
  expect(
    await where(_.jsonSchema({ properties: { tags: { uniqueItems: true, minItems: 2 } }, required: ['tags'] })),
  ).toEqual(['old']);
  expect(
    await where(
      _.jsonSchema({
        properties: { tags: { bsonType: 'array', maxItems: 1, items: { enum: ['a'] } } },
        required: ['tags'],
      }),
    ),
  ).toEqual(['ok']);
  expect(
    await where(
      _.jsonSchema({
        bsonType: 'object',
        properties: { _id: {}, name: {}, age: {}, tags: {}, level: {} },
        additionalProperties: false,
      }),
    ),
  ).toEqual(['ok', 'old', 'text', 'anon']);
});

test('an unknown $jsonSchema keyword and the integer type are refused, as MongoDB refuses them', async () => {
  const _ = command();
  expect(
    await failure(
      c.wx
        .collection('plain')
        .where(_.jsonSchema({ properties: { age: { format: 'int' } } }))
        .get(),
    ),
  ).toMatchObject({
    errCode: -502001,
    errMsg: expect.stringContaining('Unknown $jsonSchema keyword: format') as unknown,
  });
  expect(
    await failure(
      c.wx
        .collection('plain')
        .where(_.jsonSchema({ properties: { age: { type: 'integer' } } }))
        .get(),
    ),
  ).toMatchObject({
    errCode: -502001,
  });
});

/**
 * Aggregation expressions the SDK's db.command.aggregate can send, with the results MongoDB's
 * manual gives for them (UTC unless a timezone is named), through wx-server-sdk.
 */
import { startDbCloud, type DbCloud } from './db-support';

let c: DbCloud;
beforeAll(async () => {
  c = await startDbCloud();
  c.engine.insertDoc('plain', {
    _id: 'd',
    s: 'cafétéria',
    e: 'a😀b',
    pad: '  mid  ',
    at: new Date('2019-05-14T10:20:30.456Z'),
  });
});
afterAll(() => c.close());

/** One $project over the single document → its computed fields. */
async function project(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const $ = c.wx.command.aggregate;
  const r = await c.wx
    .collection('plain')
    .aggregate()
    .match({ _id: 'd' })
    .project({ _id: 0, ...fields })
    .end();
  expect($).toBeDefined();
  return (r as { list: Array<Record<string, unknown>> }).list[0] as Record<string, unknown>;
}

test('$indexOfCP, $indexOfBytes and the other string operators the SDK lists', async () => {
  const $ = c.wx.command.aggregate;
  expect(
    await project({
      cp: $.indexOfCP(['$s', 'é']),
      cpFrom: $.indexOfCP(['$s', 'é', 4]),
      cpEmoji: $.indexOfCP(['$e', 'b']),
      cpMissing: $.indexOfCP(['$s', 'z']),
      bytes: $.indexOfBytes(['$s', 't']),
      bytesEmoji: $.indexOfBytes(['$e', 'b']),
      lenCP: $.strLenCP('$e'),
      lenBytes: $.strLenBytes('$e'),
      substrCP: $.substrCP(['$e', 1, 1]),
      split: $.split(['$s', 't']),
      cmp: $.strcasecmp(['$s', 'CAFÉTÉRIA']),
      upper: $.toUpper('$s'),
      lower: $.toLower('ABC'),
      concat: $.concat(['$s', '-', '$e']),
      trim: { $trim: { input: '$pad' } },
      ltrim: { $ltrim: { input: '$pad' } },
      rtrim: { $rtrim: { input: '$pad' } },
    }),
  ).toEqual({
    cp: 3,
    cpFrom: 5,
    cpEmoji: 2,
    cpMissing: -1,
    bytes: 5,
    bytesEmoji: 5,
    lenCP: 3,
    lenBytes: 6,
    substrCP: '😀',
    split: ['café', 'éria'],
    cmp: 1, // case folding is ASCII-only in MongoDB: 'é' (UTF-8 C3 A9) sorts after 'É' (C3 89)
    upper: 'CAFéTéRIA',
    lower: 'abc',
    concat: 'cafétéria-a😀b',
    trim: 'mid',
    ltrim: 'mid  ',
    rtrim: '  mid',
  });
});

test('$substr and $substrBytes with a negative count run to the end of the string', async () => {
  const $ = c.wx.command.aggregate;
  expect(
    await project({
      substr: $.substr(['$s', 5, -1]),
      bytes: $.substrBytes(['$s', 0, -1]),
      counted: $.substrBytes(['$s', 3, 2]),
      pastEnd: $.substr(['$s', 99, 2]),
    }),
  ).toEqual({ substr: 'téria', bytes: 'cafétéria', counted: 'é', pastEnd: '' });
});

test('date operators follow MongoDB (UTC): $week of 2019-05-14 is 19', async () => {
  const $ = c.wx.command.aggregate;
  const parts = (date: unknown) => ({
    year: $.year(date),
    month: $.month(date),
    dayOfMonth: $.dayOfMonth(date),
    dayOfWeek: $.dayOfWeek(date),
    dayOfYear: $.dayOfYear(date),
    hour: $.hour(date),
    minute: $.minute(date),
    second: $.second(date),
    millisecond: $.millisecond(date),
    week: $.week(date),
    isoWeek: $.isoWeek(date),
    isoWeekYear: $.isoWeekYear(date),
    isoDayOfWeek: $.isoDayOfWeek(date),
  });
  expect(await project(parts('$at'))).toEqual({
    year: 2019,
    month: 5,
    dayOfMonth: 14,
    dayOfWeek: 3,
    dayOfYear: 134,
    hour: 10,
    minute: 20,
    second: 30,
    millisecond: 456,
    week: 19,
    isoWeek: 20,
    isoWeekYear: 2019,
    isoDayOfWeek: 2,
  });
  // 2017-01-01 is a Sunday (week 1; ISO week 52 of 2016); 2019-12-30 is in ISO week 1 of 2020.
  expect(await project(parts(new Date('2017-01-01T00:00:00Z')))).toMatchObject({
    week: 1,
    isoWeek: 52,
    isoWeekYear: 2016,
    dayOfWeek: 1,
    isoDayOfWeek: 7,
  });
  expect(await project(parts(new Date('2019-12-30T23:59:59.999Z')))).toMatchObject({
    week: 52,
    isoWeek: 1,
    isoWeekYear: 2020,
    dayOfYear: 364,
  });
  expect(await project(parts(new Date('2019-01-01T00:00:00Z')))).toMatchObject({
    week: 0,
    isoWeek: 1,
    isoWeekYear: 2019,
  });
  expect(
    await project({
      h: $.hour({ date: '$at', timezone: 'Asia/Shanghai' }),
      d: $.dayOfWeek({ date: '$at', timezone: '-11:00' }),
    }),
  ).toEqual({ h: 18, d: 2 });
});

test('$dateToString formats every specifier as MongoDB does', async () => {
  const $ = c.wx.command.aggregate;
  expect(
    await project({
      all: $.dateToString({ date: '$at', format: '%Y-%m-%d %H:%M:%S.%L|%j|%w|%u|%U|%V|%G|%z|%Z|%%' }),
      zoned: $.dateToString({ date: '$at', format: '%Y-%m-%d %H:%M %z', timezone: 'Asia/Shanghai' }),
      dflt: $.dateToString({ date: '$at' }),
      onNull: $.dateToString({ date: '$nothing', onNull: 'none' }),
    }),
  ).toEqual({
    all: '2019-05-14 10:20:30.456|134|3|2|19|20|2019|+0000|+000|%',
    zoned: '2019-05-14 18:20 +0800',
    dflt: '2019-05-14T10:20:30.456Z',
    onNull: 'none',
  });
});

test('$dateFromParts and $dateFromString build dates as MongoDB does', async () => {
  const $ = c.wx.command.aggregate;
  const r = await project({
    parts: $.dateFromParts({ year: 2019, month: 5, day: 14, hour: 10 }),
    carried: $.dateFromParts({ year: 2019, month: 14, day: 1 }),
    iso: $.dateFromParts({ isoWeekYear: 2019, isoWeek: 20, isoDayOfWeek: 2 }),
    zoned: $.dateFromParts({ year: 2019, month: 5, day: 14, timezone: 'Asia/Shanghai' }),
    parsed: $.dateFromString({ dateString: '2019-05-14T10:20:30.456Z' }),
  });
  expect(r).toEqual({
    parts: new Date('2019-05-14T10:00:00Z'),
    carried: new Date('2020-02-01T00:00:00Z'),
    iso: new Date('2019-05-14T00:00:00Z'),
    zoned: new Date('2019-05-13T16:00:00Z'),
    parsed: new Date('2019-05-14T10:20:30.456Z'),
  });
});

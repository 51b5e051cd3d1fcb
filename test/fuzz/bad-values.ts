/**
 * The catalog of hostile values, by category. Each is used in a slot of an otherwise valid input
 * (so it is bad for that action's own shape) or, for actions without such a slot, under an extra key.
 */
import * as fc from 'fast-check';

export const MB = 1024 * 1024;

/** Nested objects (or arrays) `depth` levels deep with a string at the bottom. */
export function nest(depth: number, kind: 'object' | 'array' = 'object'): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}

/** JSON.parse gives `__proto__` as an own key; an object literal would set the prototype instead. */
export const protoKey = (payload: unknown): Record<string, unknown> =>
  JSON.parse(`{"__proto__":${JSON.stringify(payload)}}`) as Record<string, unknown>;

/** Operator objects and prototype keys, as values. */
export const OPERATOR_VALUES: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $in: ['a', 'b'] },
  { $regex: '.*' },
  { $where: 'sleep(1000) || true' },
  { $exists: true },
  { $or: [{ role: 'hq' }] },
  { _bsontype: 'ObjectId', id: 'aaaaaaaaaaaa' },
  { _bsontype: 'Code', code: 'this.role == "hq"' },
  { $numberLong: '9007199254740993' },
  { $date: 0 },
  { $oid: '507f1f77bcf86cd799439011' },
  protoKey({ role: 'hq', isHq: true }),
  { constructor: { prototype: { role: 'hq' } } },
  { prototype: { role: 'hq' } },
  [{ $gt: '' }],
  { a: { $where: '1' } },
];

/** Top-level keys that are operators or reach a prototype. */
export const OPERATOR_KEYS: readonly string[] = [
  '$where',
  '$gt',
  '$set',
  '$unset',
  '__proto__',
  'constructor',
  'prototype',
  '_bsontype',
];

const FULLWIDTH = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Odd Unicode: whole strings, and characters to slip into an otherwise valid one. */
export const ODD_STRINGS: readonly string[] = [
  '\ud800',
  '\udc00abc',
  'ab\ud83d',
  '\u202e店名',
  '名\u200f',
  '\u200b',
  'a\u200bb',
  '\ufeff会员',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍',
  '１２３４５６',
  'ｓｔｏ＿ａｂｃｄｅｆ',
  'АВС', // Cyrillic look-alikes of ABC
  '\u2028\u2029',
  '\u00a0\u3000',
  '\ud834\udd1e',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}',
];
export const ODD_CHARS: readonly string[] = ['\u0000', '\u202e', '\u200b', '\ufeff', '\ud800', '\u0301', '\u2066'];

export function fullwidth(s: string): string {
  return FULLWIDTH(s);
}

/** Numbers (and number-like strings) that are out of range or not numbers in the usual sense. */
export function numberValues(min?: number, max?: number, integer = false): unknown[] {
  const out: unknown[] = [
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    -(2 ** 63),
    'NaN',
    'Infinity',
    '1e308',
    '0x1F',
    '１２',
    ' 7 ',
    '-0',
    '',
  ];
  if (integer) out.push(1.5, 0.1, -0.5);
  if (min !== undefined) out.push(min - 1, min - 0.5);
  if (max !== undefined) out.push(max + 1, max + 0.5);
  return out;
}

/** One value of each JSON type; a mutation picks those the slot does not admit. */
export const TYPE_SAMPLES: readonly unknown[] = [
  0,
  1.5,
  -1,
  '',
  'x',
  '123',
  true,
  false,
  null,
  [],
  ['a'],
  {},
  { a: 1 },
];

/** Keys a client might hope the server trusts. */
export const EXTRA_KEYS: readonly string[] = [
  'openid',
  '_openid',
  'role',
  // Who shared or referred is decided by the server from a share token, never named by a caller.
  'referrer',
  'sharer',
  's',
  '_id',
  'isHq',
  'balance',
  'storeId2',
  'createdBy',
  'userinfo',
  'UserInfo',
  'actions',
  'ACTION',
  'seq',
  'Type',
];

/** Values JSON cannot carry as they are; only `cloud.invoke` can send them (the platform's JSON copy changes them). */
export function rawValues(): unknown[] {
  const sparse: unknown[] = [];
  sparse[3] = 'x';
  const nullProto = Object.create(null) as Record<string, unknown>;
  nullProto.a = 1;
  return [
    undefined,
    new Date(0),
    new Date(Number.NaN),
    Buffer.from('sto_abcdefgh'),
    new Map([['a', 1]]),
    new Set([1, 2]),
    new Uint8Array([1, 2, 3]),
    sparse,
    nullProto,
    { toJSON: () => ({ $gt: '' }) },
    { toJSON: () => undefined },
    () => 'fn',
    Symbol('s'),
    new Error('boom'),
    /regex/g,
  ];
}

export const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

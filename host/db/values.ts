/**
 * BSON value semantics on decoded documents: type order, comparison and equality as MongoDB
 * defines them (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/), and a
 * deep clone that keeps BSON classes (structuredClone would turn an ObjectId into a plain object).
 */
import { Binary, BSONRegExp, Decimal128, Double, EJSON, Int32, Long, ObjectId, Timestamp } from 'bson';

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** MongoDB's canonical type order; numbers of every width share one rank. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof Long ||
    v instanceof Int32 ||
    v instanceof Double ||
    v instanceof Decimal128
  )
    return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary) return 6;
  if (v instanceof ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 11;
  return 4; // embedded document
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.valueOf();
  if (v instanceof Decimal128) return Number(v.toString());
  return undefined;
}

export function isNumeric(v: unknown): boolean {
  return typeRank(v) === 2;
}

/** Values are comparable with $gt/$lt only inside one type bracket (MongoDB's rule). */
export function sameBracket(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}

function regexParts(v: RegExp | BSONRegExp): [string, string] {
  return v instanceof RegExp ? [v.source, [...v.flags].sort().join('')] : [v.pattern, [...v.options].sort().join('')];
}

/** Total order over BSON values: type rank first, then value. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
      return 0;
    case 2: {
      const x = toNumber(a) ?? 0;
      const y = toNumber(b) ?? 0;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return compareStrings(a as string, b as string);
    case 4:
      return compareDocs(a as Doc, b as Doc);
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
    }
    case 6:
      return Buffer.compare(Buffer.from((a as Binary).buffer), Buffer.from((b as Binary).buffer));
    case 7:
      return compareStrings((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 8:
      return a === b ? 0 : a ? 1 : -1;
    case 9: {
      const x = (a as Date).getTime();
      const y = (b as Date).getTime();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11: {
      const [pa, fa] = regexParts(a as RegExp);
      const [pb, fb] = regexParts(b as RegExp);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    default:
      return 0;
  }
}

/** Binary (code unit) order, as MongoDB's simple collation compares UTF-8 bytes. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function compareDocs(a: Doc, b: Doc): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    const c = compareValues(a[x], b[y]) || compareStrings(x, y);
    if (c !== 0) return c;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

/** MongoDB equality: numbers compare by value across widths; documents field by field in order. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return typeRank(a) === typeRank(b) && compareValues(a, b) === 0;
}

/** Deep copy that keeps Date, RegExp and BSON class instances (they are immutable, so shared). */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => cloneValue(x)) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out as T;
  }
  return v;
}

/** A stable text key for an _id, keeping types apart (5 and "5" are different ids in MongoDB). */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  if (id instanceof ObjectId) return `o:${id.toHexString()}`;
  return `x:${stableText(id)}`;
}

/** Deterministic text of a value, used for index keys and snapshots. */
export function stableText(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (v instanceof ObjectId) return `ObjectId(${v.toHexString()})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (v instanceof BSONRegExp) return `/${v.pattern}/${v.options}`;
  if (Array.isArray(v)) return `[${v.map(stableText).join(',')}]`;
  if (isPlainObject(v))
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${stableText(v[k])}`)
      .join(',')}}`;
  const n = toNumber(v);
  if (n !== undefined) return JSON.stringify(n);
  return EJSON.stringify({ v }, { relaxed: false }); // other BSON types (Binary, Timestamp…)
}

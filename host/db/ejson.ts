/**
 * The wire format: wx-server-sdk sends queries, updates and documents as canonical EJSON text and
 * reads documents back the same way. `{"$tcb_server_date":{"offset":n}}` is CloudBase's server-side
 * clock (db.serverDate()), resolved here with the engine's clock.
 */
import { BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './errors';
import { isPlainObject, type Doc } from './values';

function resolveServerDates(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => resolveServerDates(x, now));
  if (isPlainObject(v)) {
    const sd = v.$tcb_server_date;
    if (sd !== undefined && Object.keys(v).length === 1) {
      const offset = isPlainObject(sd) && typeof sd.offset === 'number' ? sd.offset : 0;
      return new Date(now + offset);
    }
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = resolveServerDates(v[k], now);
    return out;
  }
  return v;
}

/** EJSON text (or an already-parsed value) → JS values; regexes stay BSONRegExp so options survive. */
export function decodeValue(text: unknown, now: number): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed =
      typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : EJSON.deserialize(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`invalid EJSON: ${(e as Error).message}`);
  }
  return resolveServerDates(parsed, now);
}

export function decodeObject(text: unknown, now: number, what: string): Doc | undefined {
  const v = decodeValue(text, now);
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** JS RegExp flags BSON cannot carry (g, y, d) are dropped: they mean nothing to a stored value. */
function toBsonSafe(v: unknown): unknown {
  if (v instanceof RegExp) return new BSONRegExp(v.source, [...v.flags].filter((f) => 'imsux'.includes(f)).join(''));
  if (Array.isArray(v)) return v.map(toBsonSafe);
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = toBsonSafe(v[k]);
    return out;
  }
  return v;
}

/** A document → canonical EJSON text, the form the SDK parses back (types preserved). */
export function encodeDoc(doc: Doc): string {
  return EJSON.stringify(toBsonSafe(doc), { relaxed: false });
}

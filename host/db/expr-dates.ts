/**
 * Date aggregation operators, written to MongoDB's definitions because mingo 7.2.7 numbers `$week`
 * from the wrong day (2019-05-14 gives 20, MongoDB 19), gives `$isoWeekYear` the calendar year,
 * writes `%w` as 0–6 and drops `%%` in `$dateToString`, and ignores ISO parts in `$dateFromParts`.
 *
 * Every operator reads UTC unless given a `timezone` (an Olson name or a ±HH, ±HHMM, ±HH:MM offset).
 * - `$week` / `%U`: 0–53, weeks start on Sunday, days before the year's first Sunday are week 0.
 * - `$isoWeek` / `%V`, `$isoWeekYear` / `%G`, `$isoDayOfWeek` / `%u`: ISO 8601 (Monday = 1).
 * - `$dayOfWeek` / `%w`: 1 (Sunday) to 7 (Saturday).
 */
import type { Any, Options } from 'mingo/types';
import { evalExpr } from 'mingo/core';
import { Timestamp, ObjectId } from 'bson';
import { requestFailed } from './errors';
import { isPlainObject, toNumber } from './values';

type ExprOp = (obj: Any, expr: Any, options: Options) => Any;

const DAY = 86_400_000;

/** Minutes east of UTC for `tz` at the instant `ms`. */
export function zoneOffset(tz: unknown, ms: number): number {
  if (tz === undefined || tz === null) return 0;
  if (typeof tz !== 'string') throw requestFailed('timezone must evaluate to a string');
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw requestFailed(`unrecognized time zone identifier: "${tz}"`);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

function toDate(op: string, v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (v instanceof Timestamp) return new Date(v.getHighBitsUnsigned() * 1000);
  if (v instanceof ObjectId) return v.getTimestamp();
  throw requestFailed(`${op}: can't convert from BSON type ${typeof v} to Date`);
}

/** The calendar fields of an instant as seen in a zone. */
export interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday. */
  weekday: number;
  /** 0-based day of the year. */
  yday: number;
  offset: number;
}

export function partsOf(date: Date, tz: unknown): Parts {
  const offset = zoneOffset(tz, date.getTime());
  const d = new Date(date.getTime() + offset * 60_000);
  const year = d.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - jan1.getTime()) / DAY),
    offset,
  };
}

/** strftime's %U: the first Sunday starts week 1. */
const sundayWeek = (p: Parts) => Math.floor((p.yday + 7 - p.weekday) / 7);
const isoWeekday = (p: Parts) => (p.weekday === 0 ? 7 : p.weekday);

function isoWeeksIn(year: number): number {
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const dow = jan1.getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return dow === 4 || (leap && dow === 3) ? 53 : 52;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(p: Parts): { year: number; week: number } {
  const week = Math.floor((p.yday + 1 - isoWeekday(p) + 10) / 7);
  if (week < 1) return { year: p.year - 1, week: isoWeeksIn(p.year - 1) };
  if (week > isoWeeksIn(p.year)) return { year: p.year + 1, week: 1 };
  return { year: p.year, week };
}

const PART_OPERATORS: Record<string, (p: Parts) => number> = {
  $year: (p) => p.year,
  $month: (p) => p.month,
  $dayOfMonth: (p) => p.day,
  $hour: (p) => p.hour,
  $minute: (p) => p.minute,
  $second: (p) => p.second,
  $millisecond: (p) => p.millisecond,
  $dayOfYear: (p) => p.yday + 1,
  $dayOfWeek: (p) => p.weekday + 1,
  $week: sundayWeek,
  $isoWeek: (p) => isoWeek(p).week,
  $isoWeekYear: (p) => isoWeek(p).year,
  $isoDayOfWeek: isoWeekday,
};

/** `<date>`, `[<date>]` or `{ date, timezone }`. */
function partOperator(op: string, pick: (p: Parts) => number): ExprOp {
  return (obj, expr, options) => {
    let dateExpr: unknown = expr;
    let tzExpr: unknown;
    if (Array.isArray(expr)) {
      if (expr.length !== 1) throw requestFailed(`${op} takes exactly 1 argument`);
      dateExpr = expr[0];
    } else if (isPlainObject(expr) && 'date' in expr) {
      dateExpr = expr.date;
      tzExpr = expr.timezone;
    }
    const date = toDate(op, evalExpr(obj, dateExpr, options));
    if (!date) return null;
    return pick(partsOf(date, evalExpr(obj, tzExpr, options)));
  };
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60), 2)}${colon ? ':' : ''}${pad(Math.abs(minutes) % 60, 2)}`;
}

const FORMAT: Record<string, (p: Parts) => string> = {
  d: (p) => pad(p.day, 2),
  G: (p) => pad(isoWeek(p).year, 4),
  H: (p) => pad(p.hour, 2),
  j: (p) => pad(p.yday + 1, 3),
  L: (p) => pad(p.millisecond, 3),
  m: (p) => pad(p.month, 2),
  M: (p) => pad(p.minute, 2),
  S: (p) => pad(p.second, 2),
  w: (p) => String(p.weekday + 1),
  u: (p) => String(isoWeekday(p)),
  U: (p) => pad(sundayWeek(p), 2),
  V: (p) => pad(isoWeek(p).week, 2),
  Y: (p) => pad(p.year, 4),
  z: (p) => offsetText(p.offset, false),
  Z: (p) => `${p.offset < 0 ? '-' : '+'}${pad(p.offset, 3)}`,
  '%': () => '%',
};

export function formatDate(date: Date, format: string, tz: unknown): string {
  const p = partsOf(date, tz);
  return format.replace(/%(.)/g, (_m, c: string) => {
    const f = FORMAT[c];
    if (!f) throw requestFailed(`$dateToString: invalid format character %${c}`);
    return f(p);
  });
}

const $dateToString: ExprOp = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw requestFailed('$dateToString needs an object');
  const v = evalExpr(obj, expr.date, options);
  if (v === null || v === undefined) return expr.onNull !== undefined ? evalExpr(obj, expr.onNull, options) : null;
  const date = toDate('$dateToString', v) as Date;
  const format = expr.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : evalExpr(obj, expr.format, options);
  if (typeof format !== 'string') throw requestFailed('$dateToString: format must be a string');
  return formatDate(date, format, evalExpr(obj, expr.timezone, options));
};

/** Calendar or ISO week-date parts → a date; out-of-range parts carry over, as MongoDB's do. */
const $dateFromParts: ExprOp = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw requestFailed('$dateFromParts needs an object');
  const v: Record<string, number | null> = {};
  for (const k of Object.keys(expr)) {
    if (k === 'timezone') continue;
    const x = evalExpr(obj, expr[k], options);
    v[k] = x === null || x === undefined ? null : (toNumber(x) ?? NaN);
    if (Number.isNaN(v[k])) throw requestFailed(`$dateFromParts: '${k}' must evaluate to an integer`);
  }
  if (Object.values(v).some((x) => x === null)) return null;
  const iso = 'isoWeekYear' in v;
  if (iso === 'year' in v) throw requestFailed("$dateFromParts needs either 'year' or 'isoWeekYear', not both");
  const n = (k: string, dflt: number) => v[k] ?? dflt;
  const d = new Date(0);
  if (iso) {
    // Monday of ISO week 1 is the Monday on or before 4 January.
    d.setUTCFullYear(n('isoWeekYear', 1970), 0, 4);
    const jan4Dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    d.setUTCDate(4 - (jan4Dow - 1) + (n('isoWeek', 1) - 1) * 7 + (n('isoDayOfWeek', 1) - 1));
  } else {
    const year = n('year', 1970);
    if (year < 1 || year > 9999)
      throw requestFailed("$dateFromParts: 'year' must evaluate to an integer in the range 1 to 9999");
    d.setUTCFullYear(year, n('month', 1) - 1, n('day', 1));
  }
  d.setUTCHours(n('hour', 0), n('minute', 0), n('second', 0), n('millisecond', 0));
  const tz = evalExpr(obj, expr.timezone, options);
  const guess = d.getTime() - zoneOffset(tz, d.getTime()) * 60_000;
  return new Date(d.getTime() - zoneOffset(tz, guess) * 60_000);
};

export const DATE_OPERATORS: Record<`$${string}`, ExprOp> = {
  ...Object.fromEntries(Object.entries(PART_OPERATORS).map(([op, pick]) => [op, partOperator(op, pick)])),
  $dateToString,
  $dateFromParts,
};

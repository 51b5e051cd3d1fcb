/**
 * String aggregation operators where mingo departs from MongoDB (checked against mingo 7.2.7):
 * it has no `$indexOfCP`, counts `$indexOfBytes` in UTF-16 units, and refuses the negative count
 * with which `$substr` / `$substrBytes` mean "to the end of the string", and folds case beyond ASCII
 * (`$toUpper`, `$toLower`, `$strcasecmp`), where MongoDB maps only A–Z / a–z and compares the
 * resulting bytes. Definitions follow the
 * MongoDB manual's page for each operator; indexes are code points (`…CP`) or UTF-8 bytes.
 */
import type { Any, Options } from 'mingo/types';
import { evalExpr } from 'mingo/core';
import { requestFailed } from './errors';
import { toNumber } from './values';

type ExprOp = (obj: Any, expr: Any, options: Options) => Any;

function args(op: string, obj: Any, expr: Any, options: Options, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max)
    throw requestFailed(`${op} needs an array of ${min === max ? min : `${min} to ${max}`} arguments`);
  return evalExpr(obj, expr, options) as unknown[];
}

function nonNegativeInt(op: string, what: string, v: unknown): number {
  const n = toNumber(v);
  if (n === undefined || !Number.isInteger(n) || n < 0)
    throw requestFailed(`${op} requires that its ${what} be a non-negative integral number`);
  return n;
}

/** Index of `search` in `units` within [start, end), or -1 (MongoDB's rules for both indexOf operators). */
function indexIn<T>(units: readonly T[], search: readonly T[], start: number, end: number): number {
  const stop = Math.min(end, units.length);
  if (start > stop) return -1;
  for (let i = start; i + search.length <= stop; i++) {
    let j = 0;
    while (j < search.length && units[i + j] === search[j]) j++;
    if (j === search.length) return i;
  }
  return -1;
}

function indexOf(op: string, split: (s: string) => readonly (string | number)[]): ExprOp {
  return (obj, expr, options) => {
    const [str, search, start, end] = args(op, obj, expr, options, 2, 4);
    if (str === null || str === undefined) return null;
    if (typeof str !== 'string') throw requestFailed(`${op} requires a string as the first argument`);
    if (typeof search !== 'string') throw requestFailed(`${op} requires a string as the second argument`);
    const units = split(str);
    const from = start === undefined ? 0 : nonNegativeInt(op, 'starting index', start);
    const to = end === undefined ? units.length : nonNegativeInt(op, 'ending index', end);
    return indexIn(units, split(search), from, to);
  };
}

const codePoints = (s: string) => Array.from(s);
const utf8Bytes = (s: string) => [...Buffer.from(s, 'utf8')];

const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/** $substr / $substrBytes take numbers and dates as their string form, like MongoDB's coercion. */
function coerceToString(op: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  const n = toNumber(v);
  if (n !== undefined) return String(n);
  throw requestFailed(`${op}: can't convert to string`);
}

/** Byte substring; a negative count runs to the end; a start past the end is the empty string. */
function substrBytes(op: string): ExprOp {
  return (obj, expr, options) => {
    const [value, startArg, countArg] = args(op, obj, expr, options, 3, 3);
    if (value === null || value === undefined) return '';
    const str = coerceToString(op, value);
    const start = toNumber(startArg);
    const count = toNumber(countArg);
    if (start === undefined || count === undefined)
      throw requestFailed(`${op}: starting index and length must be numeric types`);
    const buf = Buffer.from(str, 'utf8');
    const from = Math.trunc(start);
    if (from < 0 || from >= buf.length) return '';
    const to = count < 0 ? buf.length : Math.min(buf.length, from + Math.trunc(count));
    if (isContinuation(buf[from]))
      throw requestFailed(`${op}: Invalid range, starting index is a UTF-8 continuation byte.`);
    if (isContinuation(buf[to]))
      throw requestFailed(`${op}: Invalid range, ending index is in the middle of a UTF-8 character.`);
    return buf.subarray(from, to).toString('utf8');
  };
}

const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** null and missing are the empty string; numbers and dates their text (MongoDB's coercion). */
function caseOperand(op: string, v: unknown): string {
  return v === null || v === undefined ? '' : coerceToString(op, v);
}

function caseOp(op: string, fold: (s: string) => string): ExprOp {
  return (obj, expr, options) => {
    const v = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options);
    return fold(caseOperand(op, v));
  };
}

const $strcasecmp: ExprOp = (obj, expr, options) => {
  const [a, b] = args('$strcasecmp', obj, expr, options, 2, 2).map((v) => asciiUpper(caseOperand('$strcasecmp', v)));
  return Math.sign(Buffer.compare(Buffer.from(a as string, 'utf8'), Buffer.from(b as string, 'utf8')));
};

export const STRING_OPERATORS: Record<`$${string}`, ExprOp> = {
  $indexOfCP: indexOf('$indexOfCP', codePoints),
  $indexOfBytes: indexOf('$indexOfBytes', utf8Bytes),
  $substr: substrBytes('$substr'),
  $substrBytes: substrBytes('$substrBytes'),
  $toUpper: caseOp('$toUpper', asciiUpper),
  $toLower: caseOp('$toLower', asciiLower),
  $strcasecmp,
};

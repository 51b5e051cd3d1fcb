/**
 * Update operators with MongoDB's semantics, applied to a copy of a decoded document.
 * Own code rather than mingo's updater because the latter silently ignores type errors
 * (`$inc` on a string, `$push` on a number) that MongoDB, and so CloudBase, refuse.
 */
import { requestFailed } from './errors';
import { applyArrayOperator } from './update-arrays';
import { getIn, last, parentOf, setIn, splitPath, unsetIn, type Container } from './update-paths';
import { compareValues, cloneValue, isNumeric, isPlainObject, toNumber, valuesEqual, type Doc } from './values';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
]);

/**
 * Stored field names: not empty, no leading `$`, no `.` anywhere, a trailing one included
 * (MongoDB 4.0's rule, with its wording; 5.0 and later store such names but no query or update
 * path can reach them, so code relying on them would not be portable).
 */
export function checkFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkFieldNames(v, `${path}${i}.`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const k of Object.keys(value)) {
    if (k === '') throw requestFailed(`field name cannot be empty (at ${path || 'top level'})`);
    if (k.startsWith('$')) throw requestFailed(`field name cannot start with '$': ${path}${k}`);
    if (k.includes('.')) throw requestFailed(`key ${k} must not contain '.' (at ${path || 'top level'})`);
    checkFieldNames(value[k], `${path}${k}.`);
  }
}

function numericOp(doc: Doc, path: string, arg: unknown, op: '$inc' | '$mul'): void {
  if (!isNumeric(arg)) throw requestFailed(`cannot ${op} with non-numeric argument at ${path}`);
  const parts = splitPath(path);
  const parent = parentOf(doc, parts, true) as Container;
  const cur = getIn(parent, last(parts));
  const by = toNumber(arg) as number;
  if (cur === undefined) {
    setIn(parent, last(parts), op === '$inc' ? by : 0);
    return;
  }
  if (!isNumeric(cur)) throw requestFailed(`cannot apply ${op} to a value of non-numeric type at ${path}`);
  const n = toNumber(cur) as number;
  setIn(parent, last(parts), op === '$inc' ? n + by : n * by);
}

function applyOperator(doc: Doc, op: string, path: string, arg: unknown): void {
  switch (op) {
    case '$set': {
      checkFieldNames(arg);
      const parts = splitPath(path);
      setIn(parentOf(doc, parts, true) as Container, last(parts), cloneValue(arg));
      return;
    }
    case '$unset': {
      const parts = splitPath(path);
      const parent = parentOf(doc, parts, false);
      if (parent) unsetIn(parent, last(parts));
      return;
    }
    case '$inc':
    case '$mul':
      numericOp(doc, path, arg, op);
      return;
    case '$min':
    case '$max': {
      const parts = splitPath(path);
      const parent = parentOf(doc, parts, true) as Container;
      const cur = getIn(parent, last(parts));
      const c = cur === undefined ? 0 : compareValues(arg, cur);
      if (cur === undefined || (op === '$min' ? c < 0 : c > 0)) setIn(parent, last(parts), cloneValue(arg));
      return;
    }
    case '$rename': {
      if (typeof arg !== 'string' || arg === path)
        throw requestFailed(`$rename target for ${path} must be a different field name`);
      if (arg.startsWith(`${path}.`) || path.startsWith(`${arg}.`))
        throw requestFailed(`$rename source and target overlap: ${path} → ${arg}`);
      const from = splitPath(path);
      const parent = parentOf(doc, from, false);
      if (!parent) return;
      if (Array.isArray(parent)) throw requestFailed('$rename source cannot be inside an array');
      const value = parent[last(from)];
      if (value === undefined) return;
      delete parent[last(from)];
      const to = splitPath(arg);
      const toParent = parentOf(doc, to, true) as Container;
      if (Array.isArray(toParent)) throw requestFailed('$rename target cannot be inside an array');
      toParent[last(to)] = value;
      return;
    }
    default:
      applyArrayOperator(doc, op, path, arg);
  }
}

/** MongoDB refuses an update whose paths overlap ("would create a conflict"). */
function checkPathConflicts(paths: string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as string;
    const b = sorted[i] as string;
    if (a === b || b.startsWith(`${a}.`))
      throw requestFailed(`Updating the path '${b}' would create a conflict at '${a}'`);
  }
}

/** True when the update document is a set of operators (else it is a replacement). */
export function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Applies an operator update to a copy of `doc` and returns the copy. Throws (writing nothing) on
 * any error. `_id` may be set to its current value but never changed.
 */
export function applyUpdate(doc: Doc, update: Doc): Doc {
  const keys = Object.keys(update);
  if (keys.some((k) => !k.startsWith('$'))) {
    if (keys.some((k) => k.startsWith('$'))) throw requestFailed('update cannot mix operators and fields');
    // A merge without operators: each top-level field is $set (what update() means).
    return applyUpdate(doc, { $set: update });
  }
  const next = cloneValue(doc);
  const touched: string[] = [];
  for (const op of keys) {
    if (!UPDATE_OPERATORS.has(op)) throw requestFailed(`unknown update operator: ${op}`);
    const fields = update[op];
    if (!isPlainObject(fields)) throw requestFailed(`${op} needs an object`);
    for (const path of Object.keys(fields)) {
      touched.push(path);
      if (op === '$rename') touched.push(String(fields[path]));
    }
  }
  checkPathConflicts(touched);
  for (const op of keys) {
    const fields = update[op] as Doc;
    for (const path of Object.keys(fields)) applyOperator(next, op, path, fields[path]);
  }
  if (!valuesEqual(next._id, doc._id) || compareValues(next._id, doc._id) !== 0)
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  return next;
}

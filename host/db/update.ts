/**
 * Update operators with MongoDB's semantics, applied to a copy of a decoded document.
 * Own code rather than mingo's updater because the latter silently ignores type errors
 * (`$inc` on a string, `$push` on a number) that MongoDB, and so CloudBase, refuse.
 */
import { requestFailed } from './errors';
import { compileQuery } from './match';
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

/** Stored field names: not empty, no leading `$`, no `.` (MongoDB's and CloudBase's rules). */
export function checkFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkFieldNames(v, `${path}${i}.`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const k of Object.keys(value)) {
    if (k === '') throw requestFailed(`field name cannot be empty (at ${path || 'top level'})`);
    if (k.startsWith('$')) throw requestFailed(`field name cannot start with '$': ${path}${k}`);
    if (k.includes('.')) throw requestFailed(`field name cannot contain '.': ${path}${k}`);
    checkFieldNames(value[k], `${path}${k}.`);
  }
}

function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$'))) throw requestFailed(`invalid update path: ${path}`);
  return parts;
}

type Container = Doc | unknown[];

/** The parent container of a path's last part, created on the way when `create`. */
function parentOf(doc: Doc, parts: string[], create: boolean): Container | undefined {
  let cur: Container = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    let next: unknown;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(p)) throw requestFailed(`cannot create field '${p}' in an array (path ${parts.join('.')})`);
      next = cur[Number(p)];
    } else next = cur[p];
    if (next === undefined || next === null) {
      if (!create) return undefined;
      if (next === null) throw requestFailed(`cannot create field '${parts[i + 1]}' in null (path ${parts.join('.')})`);
      next = {};
      if (Array.isArray(cur)) setIn(cur, p, next);
      else cur[p] = next;
    }
    if (!Array.isArray(next) && !isPlainObject(next)) {
      if (!create) return undefined;
      throw requestFailed(`cannot create field '${parts[i + 1]}' in element {${p}: ${String(next)}}`);
    }
    cur = next as Container;
  }
  return cur;
}

function getIn(c: Container, key: string): unknown {
  if (Array.isArray(c)) return /^\d+$/.test(key) ? c[Number(key)] : undefined;
  return c[key];
}

function setIn(c: Container, key: string, v: unknown): void {
  if (Array.isArray(c)) {
    if (!/^\d+$/.test(key)) throw requestFailed(`cannot create field '${key}' in an array`);
    const i = Number(key);
    while (c.length < i) c.push(null); // MongoDB pads with null
    c[i] = v;
  } else c[key] = v;
}

function unsetIn(c: Container, key: string): void {
  if (Array.isArray(c)) {
    if (/^\d+$/.test(key) && Number(key) < c.length) c[Number(key)] = null; // MongoDB keeps the slot
  } else delete c[key];
}

const last = (parts: string[]) => parts[parts.length - 1] as string;

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

function arrayAt(
  doc: Doc,
  path: string,
  op: string,
  create: boolean,
): { parent: Container; key: string; arr: unknown[] } | undefined {
  const parts = splitPath(path);
  const parent = parentOf(doc, parts, create);
  if (!parent) return undefined;
  const key = last(parts);
  const cur = getIn(parent, key);
  if (cur === undefined) {
    if (!create) return undefined;
    const arr: unknown[] = [];
    setIn(parent, key, arr);
    return { parent, key, arr };
  }
  if (!Array.isArray(cur)) throw requestFailed(`${op} needs an array at ${path}`);
  return { parent, key, arr: cur as unknown[] };
}

function sortArray(arr: unknown[], spec: unknown): void {
  if (typeof spec === 'number') {
    arr.sort((a, b) => compareValues(a, b) * spec);
    return;
  }
  if (!isPlainObject(spec)) throw requestFailed('$sort must be 1, -1 or an object');
  const keys = Object.keys(spec);
  arr.sort((a, b) => {
    for (const k of keys) {
      const c =
        compareValues(isPlainObject(a) ? a[k] : undefined, isPlainObject(b) ? b[k] : undefined) * Number(spec[k]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function push(doc: Doc, path: string, arg: unknown): void {
  const target = arrayAt(doc, path, '$push', true) as { arr: unknown[] };
  const mods = isPlainObject(arg) && '$each' in arg ? arg : undefined;
  const items = mods ? mods.$each : [arg];
  if (!Array.isArray(items)) throw requestFailed('$each needs an array');
  const arr = target.arr;
  let pos = arr.length;
  if (mods?.$position !== undefined) {
    const p = toNumber(mods.$position);
    if (p === undefined || !Number.isInteger(p)) throw requestFailed('$position must be an integer');
    pos = p < 0 ? Math.max(0, arr.length + p) : Math.min(p, arr.length);
  }
  arr.splice(pos, 0, ...(items as unknown[]).map((x) => cloneValue(x)));
  if (mods?.$sort !== undefined) sortArray(arr, mods.$sort);
  if (mods?.$slice !== undefined) {
    const n = toNumber(mods.$slice);
    if (n === undefined || !Number.isInteger(n)) throw requestFailed('$slice must be an integer');
    const kept = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
    arr.splice(0, arr.length, ...kept);
  }
}

function pullMatcher(cond: unknown): (el: unknown) => boolean {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      // A value condition: {$gte: 6}, {$in: [...]}; applied to each element as the element's value.
      const pred = compileQuery({ v: cond });
      return (el) => pred({ v: el });
    }
    const pred = compileQuery(cond);
    return (el) => isPlainObject(el) && pred(el);
  }
  return (el) => valuesEqual(el, cond);
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
    case '$push':
      push(doc, path, arg);
      return;
    case '$addToSet': {
      const target = arrayAt(doc, path, '$addToSet', true) as { arr: unknown[] };
      const items = isPlainObject(arg) && '$each' in arg ? arg.$each : [arg];
      if (!Array.isArray(items)) throw requestFailed('$each needs an array');
      for (const item of items as unknown[])
        if (!target.arr.some((x) => valuesEqual(x, item) && compareValues(x, item) === 0))
          target.arr.push(cloneValue(item));
      return;
    }
    case '$pop': {
      const n = toNumber(arg);
      if (n !== 1 && n !== -1) throw requestFailed('$pop takes 1 or -1');
      const target = arrayAt(doc, path, '$pop', false);
      if (target) {
        if (n === 1) target.arr.pop();
        else target.arr.shift();
      }
      return;
    }
    case '$pull':
    case '$pullAll': {
      const target = arrayAt(doc, path, op, false);
      if (!target) return;
      let remove: (el: unknown) => boolean;
      if (op === '$pullAll') {
        if (!Array.isArray(arg)) throw requestFailed('$pullAll needs an array');
        remove = (el) => (arg as unknown[]).some((x) => valuesEqual(el, x));
      } else remove = pullMatcher(arg);
      const kept = target.arr.filter((el) => !remove(el));
      target.arr.splice(0, target.arr.length, ...kept);
      return;
    }
    default:
      throw requestFailed(`unknown update operator: ${op}`);
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

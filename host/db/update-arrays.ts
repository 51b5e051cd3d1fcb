/** The array update operators: $push (with $each, $position, $sort, $slice), $addToSet, $pop, $pull, $pullAll. */
import { requestFailed } from './errors';
import { compileQuery } from './match';
import { getIn, last, parentOf, setIn, splitPath, type Container } from './update-paths';
import { compareValues, cloneValue, isPlainObject, toNumber, valuesEqual, type Doc } from './values';

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

/** Applies an array operator to `doc` at `path`; any other operator is unknown. */
export function applyArrayOperator(doc: Doc, op: string, path: string, arg: unknown): void {
  switch (op) {
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

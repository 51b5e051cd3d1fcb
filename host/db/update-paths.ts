/** Dotted update paths: walking to a path's parent (creating it on the way) and reading, writing or unsetting one part. */
import { requestFailed } from './errors';
import { isPlainObject, type Doc } from './values';

export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === ''))
    throw requestFailed(`The update path '${path}' contains an empty field name, which is not allowed.`);
  if (parts.some((p) => p.startsWith('$'))) throw requestFailed(`invalid update path: ${path}`);
  return parts;
}

export type Container = Doc | unknown[];

/** The parent container of a path's last part, created on the way when `create`. */
export function parentOf(doc: Doc, parts: string[], create: boolean): Container | undefined {
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

export function getIn(c: Container, key: string): unknown {
  if (Array.isArray(c)) return /^\d+$/.test(key) ? c[Number(key)] : undefined;
  return c[key];
}

export function setIn(c: Container, key: string, v: unknown): void {
  if (Array.isArray(c)) {
    if (!/^\d+$/.test(key)) throw requestFailed(`cannot create field '${key}' in an array`);
    const i = Number(key);
    while (c.length < i) c.push(null); // MongoDB pads with null
    c[i] = v;
  } else c[key] = v;
}

export function unsetIn(c: Container, key: string): void {
  if (Array.isArray(c)) {
    if (/^\d+$/.test(key) && Number(key) < c.length) c[Number(key)] = null; // MongoDB keeps the slot
  } else delete c[key];
}

export const last = (parts: string[]) => parts[parts.length - 1] as string;

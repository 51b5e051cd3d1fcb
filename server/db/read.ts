/** Reading documents into typed values. */
import type * as z from 'zod';
import type { DocumentRef, Query } from './types';

/** A stored document that does not fit its schema: a bug or bad data, never the caller's fault. */
export class CorruptDocumentError extends Error {
  override name = 'CorruptDocumentError';
}

export function parseDoc<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null ? String((raw as { _id?: unknown })._id) : '?';
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
    throw new CorruptDocumentError(`${what} ${id} does not fit its schema: ${issues}`);
  }
  return parsed.data;
}

/** One document by id, or null. Needs the database opened with `throwOnNotFound: false`. */
export async function getDoc<S extends z.ZodType>(
  ref: DocumentRef,
  schema: S,
  what: string,
): Promise<z.output<S> | null> {
  const { data } = await ref.get();
  if (data === null || data === undefined) return null;
  return parseDoc(schema, data, what);
}

/**
 * Every document a query matches, page by page (the platform returns at most 1000 per get()).
 * `max` guards against a query that was meant to be narrow; reaching it is a bug, so it throws.
 */
export async function getAll<S extends z.ZodType>(
  query: Query,
  schema: S,
  what: string,
  { pageSize = 100, max = 10_000 }: { pageSize?: number; max?: number } = {},
): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for (;;) {
    const { data } = await query.skip(out.length).limit(pageSize).get();
    for (const raw of data) out.push(parseDoc(schema, raw, what));
    if (data.length < pageSize) return out;
    if (out.length >= max) throw new Error(`${what}: more than ${max} documents; page the caller instead`);
  }
}

/** CloudBase caps `in` lists; ids are queried in chunks of this size. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Keyset paging on (time, _id), newest first. A cursor of the time alone skips every row that
 * shares the last row's time (two entries written in one millisecond, a batch backdated together);
 * with the id as tie-breaker each row is on exactly one page.
 */
import { AppError } from '@core/errors';
import type { Command, Condition } from './types';

interface Position {
  at: number;
  id: string;
}

export function encodeCursor(at: number, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === 'number' && Number.isSafeInteger(at) && typeof id === 'string' && id.length <= 100) {
        return { at, id };
      }
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试', { field: 'cursor' });
}

/** `where` narrowed to the rows after `cursor` in (field desc, _id desc) order. */
export function afterCursor(_: Command, where: Condition, field: string, cursor: string | undefined): Condition {
  if (cursor === undefined) return where;
  const { at, id } = decodeCursor(cursor);
  const after = _.or({ [field]: _.lt(at) }, { [field]: at, _id: _.lt(id) });
  return (Object.keys(where).length === 0 ? after : _.and(where, after)) as Condition;
}

/** A page of `limit` from `rows` read with limit + 1, and the cursor for the next one. */
export function pageOf<T extends { _id: string }>(
  rows: T[],
  limit: number,
  timeOf: (row: T) => number,
): { page: T[]; hasMore: boolean; nextCursor?: string } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  if (rows.length <= limit || !last) return { page, hasMore: false };
  return { page, hasMore: true, nextCursor: encodeCursor(timeOf(last), last._id) };
}

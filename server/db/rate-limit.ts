/**
 * Fixed-window counters kept in the database (`rate_limits`), so a limit holds however many
 * function instances serve the calls: nothing is counted in memory. One document per counter
 * (`_id` names the scope and the subject), holding the current window's number and its count;
 * a later window resets it in place, so the collection grows with subjects, never with time.
 */
import * as z from 'zod';
import { isDuplicateKeyError } from './errors';
import { getDoc } from './read';
import type { Database } from './types';

export const RateDoc = z.object({ _id: z.string(), w: z.number(), n: z.number().int() });

/**
 * Takes one slot of counter `id` in window `w` (a minute number, a day number…): true when fewer
 * than `limit` were taken in that window. Every step is a conditional update or a keyed insert,
 * so racing callers never take more than `limit` slots between them.
 */
export async function takeSlot(db: Database, id: string, w: number, limit: number): Promise<boolean> {
  const c = db.collection('rate_limits');
  const _ = db.command;
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await c.where({ _id: id, w, n: _.lt(limit) }).update({ data: { n: _.inc(1) } });
    if (taken.stats.updated === 1) return true;
    const doc = await getDoc(c.doc(id), RateDoc, 'rate_limits');
    if (doc && doc.w >= w) {
      // This window is full (or a racer's clock is ahead: count this call against it too).
      if (doc.w === w && doc.n < limit) continue;
      return false;
    }
    if (doc) {
      // An earlier window: start this one, unless a racer already did (then take a slot in it).
      const reset = await c.where({ _id: id, w: doc.w }).update({ data: { w, n: 1 } });
      if (reset.stats.updated === 1) return true;
      continue;
    }
    try {
      await c.add({ data: { _id: id, w, n: 1 } });
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  return false;
}

/** The number of the fixed window of `ms` milliseconds that `now` falls in. */
export const windowOf = (now: number, ms: number): number => Math.floor(now / ms);

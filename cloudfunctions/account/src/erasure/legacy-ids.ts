/**
 * Journal ids of the earlier scheme (server/ledger legacy-keys) moved to the ids today's scheme
 * gives the same events: a deletion's sweep step for its subject, and a migration for everyone
 * else, so a referrer's journal stops spelling living friends' openids and HQ's journal view
 * (which shows entry ids) names nobody.
 */
import * as z from 'zod';
import { getDoc } from '@server/db/read';
import { LEGACY_ID_FORMS, legacyIdsNaming, rekeyLegacyEntry } from '@server/ledger';
import { BATCH, batchOf, IdOnly, type StepBatch, type SweepIo } from './batch';

/**
 * Journal ids written before people were keyed spell the openid (`ref-join:<openid>` in a
 * referrer's journal, `welcome:<openid>` in the node's): each moves, with its reversal, to the id
 * today's scheme gives the same event, so the rewards still find it and never pay it twice.
 */
export const legacyIds: StepBatch = async ({ db }, s) => {
  let more = false;
  for (const form of legacyIdsNaming(s.openid)) {
    const rows = await batchOf(db, 'points_entries', { _id: form }, IdOnly);
    let moved = 0;
    for (const row of rows) if (await rekeyLegacyEntry(db, row._id)) moved += 1;
    // An id the query matched but no form maps would match again: stop rather than loop on it.
    if (moved > 0 && rows.length === BATCH) more = true;
  }
  return more;
};

/** The record that no legacy id is left (in `erasures`, beside the tombstones). */
export const LEGACY_IDS_DONE = 'legacy-entry-ids';

const Done = z.object({ _id: z.string(), done: z.literal(true), at: z.number() });

/**
 * The migration: runs in the resumeErasures timer's leftover time, a batch at a time; when a whole
 * pass finds nothing it records that and stops querying (no code writes those ids any more).
 * Answers how many entries (with their reversals) moved in this run.
 */
export async function migrateLegacyIds(io: SweepIo, opts: { deadline: number; now: number }): Promise<number> {
  const marker = io.db.collection('erasures').doc(LEGACY_IDS_DONE);
  if (await getDoc(marker, Done, 'erasures')) return 0;
  let moved = 0;
  for (const form of LEGACY_ID_FORMS) {
    for (;;) {
      if (Date.now() >= opts.deadline) return moved;
      const rows = await batchOf(io.db, 'points_entries', { _id: form }, IdOnly);
      let batchMoved = 0;
      for (const row of rows) if (await rekeyLegacyEntry(io.db, row._id)) batchMoved += 1;
      moved += batchMoved;
      // A short batch was the last; a batch where nothing mapped would only come back.
      if (rows.length < BATCH || batchMoved === 0) break;
    }
  }
  await marker.set({ data: { done: true, at: opts.now } });
  return moved;
}

/**
 * Moves every journal entry still under an id of the earlier scheme (server/ledger legacy-keys)
 * to the id today's scheme gives it, for everyone, so a referrer's journal stops spelling living
 * friends' openids and HQ's journal view (which shows entry ids) names nobody. A deletion does the
 * same for its subject at once; this catches the rest. Runs in the resumeErasures timer's leftover
 * time, a batch at a time; when a whole pass finds nothing it records that, and stops querying:
 * no code writes those ids any more.
 */
import * as z from 'zod';
import { getDoc } from '@server/db/read';
import { LEGACY_ID_FORMS, rekeyLegacyEntry } from '@server/ledger';
import { BATCH, batchOf, IdOnly, type SweepIo } from './steps';

/** The record that no legacy id is left (in `erasures`, beside the tombstones). */
export const LEGACY_IDS_DONE = 'legacy-entry-ids';

const Done = z.object({ _id: z.string(), done: z.literal(true), at: z.number() });

/** Answers how many entries (with their reversals) moved in this run. */
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

/**
 * A deletion's sweep as a resumable job. The deletion transaction leaves a tombstone at step 0 with
 * the openid sealed in it; the sweep then runs the steps (steps.ts) batch by batch and records its
 * progress on the tombstone after every batch. Whoever gets there next carries on from that record:
 * the call itself within its time budget, the member asking again, registering again, or the
 * `resumeErasures` timer. A run killed anywhere repeats at most one batch, which is idempotent.
 * When every step is done, the tombstone gets its final counts and loses the sealed openid.
 */
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { Logger } from '@server/kit/types';
import { unseal } from '@server/privacy/keys';
import { ErasureDoc, LEGACY_SALT_ID } from '../documents';
import { migrateLegacyIds } from './legacy-ids';
import { STEPS, VOIDED_BY_DELETION, type SweepIo } from './steps';

export { VOIDED_BY_DELETION };

export interface SweepOptions {
  /** Stop starting batches at this time (epoch ms of the machine's clock). */
  deadline: number;
  now: number;
  log?: Logger;
}

export const loadTomb = (db: Database, id: string) => getDoc(db.collection('erasures').doc(id), ErasureDoc, 'erasures');

/** The coupons a finished sweep left with the node: voided by it, and kept (used or expired before). */
async function couponCounts(db: Database, anon: string): Promise<{ voidedCoupons: number; keptCoupons: number }> {
  const c = db.collection('coupons');
  const [voided, all] = await Promise.all([
    c.where({ owner: anon, voided: VOIDED_BY_DELETION }).count(),
    c.where({ owner: anon }).count(),
  ]);
  return { voidedCoupons: voided.total, keptCoupons: all.total - voided.total };
}

/**
 * Runs the tombstone's sweep until it is done or the deadline passes; answers the tombstone as
 * recorded afterwards. Safe to run twice at once: the steps are idempotent and the progress only
 * decides where a later run starts.
 */
export async function runSweep(io: SweepIo, tomb: ErasureDoc, opts: SweepOptions): Promise<ErasureDoc> {
  if (tomb.swept) return tomb;
  const ref = io.db.collection('erasures').doc(tomb._id);
  if (tomb.subject === undefined) {
    // A tombstone from before the job kept no way back to the person: its inline sweep was all it had.
    await ref.update({ data: { swept: true, sweptAt: opts.now } });
    return { ...tomb, swept: true, sweptAt: opts.now };
  }
  const subject = { openid: unseal(tomb.subject), anon: tomb.anon, now: opts.now };
  let { step, batches } = tomb;
  while (step < STEPS.length) {
    if (Date.now() >= opts.deadline) return { ...tomb, step, batches };
    const current = STEPS[step];
    if (!current) break;
    const more = await current.batch(io, subject);
    batches += 1;
    if (!more) step += 1;
    await ref.update({ data: { step, batches } });
  }
  const counts = await couponCounts(io.db, tomb.anon);
  await ref.update({
    data: { ...counts, step, batches, swept: true, sweptAt: opts.now, subject: io.db.command.remove() },
  });
  opts.log?.info('erasure swept', { batches });
  const { subject: _sealed, ...rest } = tomb;
  return { ...rest, ...counts, step, batches, swept: true, sweptAt: opts.now };
}

/** Tombstones a timer run picks up at most. */
const RESUME_PAGE = 20;

/**
 * The timer's part: finishes every unfinished sweep it reaches before the deadline, oldest first.
 * Also drops the HMAC key older deletions kept in the database (the key now lives in settings), and
 * with the time left moves journal ids of the earlier scheme to today's (migrate.ts).
 */
export async function resumeSweeps(
  io: SweepIo,
  opts: SweepOptions,
): Promise<{ resumed: number; finished: number; rekeyed: number }> {
  await io.db.collection('erasures').doc(LEGACY_SALT_ID).remove();
  const { data } = await io.db
    .collection('erasures')
    .where({ swept: false })
    .orderBy('deletedAt', 'asc')
    .limit(RESUME_PAGE)
    .get();
  let resumed = 0;
  let finished = 0;
  for (const raw of data) {
    if (Date.now() >= opts.deadline) break;
    const tomb = ErasureDoc.parse(raw);
    resumed += 1;
    if ((await runSweep(io, tomb, opts)).swept) finished += 1;
  }
  const rekeyed = await migrateLegacyIds(io, opts);
  return { resumed, finished, rekeyed };
}

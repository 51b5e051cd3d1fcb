import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { interestId, VisitDoc } from '@server/data/visits';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { acceptedSeconds } from '../reading';

/** Adds reading seconds to the reader's per-tag total (one document per reader and tag). */
async function addInterest(db: Database, openid: string, tag: string, delta: number, now: number): Promise<void> {
  const _ = db.command;
  const ref = db.collection('interests').doc(interestId(openid, tag));
  const bump = () => ref.update({ data: { seconds: _.inc(delta), updatedAt: now } });
  if ((await bump()).stats.updated === 1) return;
  try {
    await db
      .collection('interests')
      .add({ data: { _id: interestId(openid, tag), openid, tag, seconds: delta, updatedAt: now } });
  } catch (e) {
    // Another heartbeat of the same reader created it first: add to theirs.
    if (!isDuplicateKeyError(e)) throw e;
    await bump();
  }
}

/**
 * The page reports how long it has been visible (on hide, and by heartbeat while shown). The
 * stored time only grows, is capped by the real time since the open and by MAX_VISIT_SECONDS, and
 * a repeated report changes nothing. The growth is added to the reader's interest in the post's tags.
 */
export const endVisit: ActionHandler<InsightContract, 'endVisit'> = async (input, ctx) => {
  const visits = ctx.db.collection('visits');
  for (let attempt = 0; attempt < 3; attempt++) {
    const visit = await getDoc(visits.doc(input.visitId), VisitDoc, 'visits');
    // Someone else's visit is answered like a missing one: visit ids are not to be probed.
    if (!visit || (visit.viewer !== undefined && visit.viewer !== ctx.caller.openid)) {
      throw new AppError('NOT_FOUND', '访问记录不存在');
    }
    const now = ctx.now();
    const seconds = acceptedSeconds(input.seconds, visit.seconds, visit.openedAt, now);
    if (seconds === visit.seconds) return { seconds };
    // Compare-and-set on the old value: two heartbeats racing add their growth once.
    const res = await visits
      .where({ _id: visit._id, seconds: visit.seconds })
      .update({ data: { seconds, updatedAt: now } });
    if (res.stats.updated !== 1) continue;
    const delta = seconds - visit.seconds;
    if (visit.viewer !== undefined && !visit.self) {
      for (const tag of visit.tags) await addInterest(ctx.db, visit.viewer, tag, delta, now);
    }
    return { seconds };
  }
  throw new AppError('RESOURCE_EXHAUSTED', '请稍后重试');
};

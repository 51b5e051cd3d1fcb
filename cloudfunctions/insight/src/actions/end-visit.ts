import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { interestId, VisitDoc } from '@server/data/visits';
import { readerKey } from '@server/privacy/keys';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionContext, ActionHandler } from '@server/kit';
import { remindLongRead } from '../read-reminder';
import { acceptedSeconds, deeper } from '../reading';
import { limitPerMinute, timeLimit } from '../visits';

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
 * Whose visit it is. A signed-in reader's visit is theirs alone (by the reader key, which a visit
 * kept without the openid also carries). An anonymous visit belongs to the page that opened it
 * without identity: only a caller without an openid may report on it, and only by the random id
 * that page was given (a signed-in caller, the sharer included, never can).
 */
function mayReport(visit: VisitDoc, ctx: ActionContext): boolean {
  if (visit.anonymous) return ctx.caller.openid === '';
  if (ctx.caller.openid === '') return false;
  return visit.reader !== undefined
    ? visit.reader === readerKey(visit.token, ctx.caller.openid)
    : visit.viewer === ctx.caller.openid;
}

/**
 * The page reports how long it has been visible (on hide, and by heartbeat while shown) and how far
 * it was read. The stored time only grows, is capped by the real time since the open and by
 * MAX_VISIT_SECONDS; the depth keeps the deepest point; a repeated report changes nothing. The
 * growth is added to the reader's interest in the post's tags. Someone else's visit is answered
 * like a missing one (visit ids are not to be probed), before anything is written.
 */
export const endVisit: ActionHandler<InsightContract, 'endVisit'> = async (input, ctx) => {
  const visits = ctx.db.collection('visits');
  const _ = ctx._;
  let limited = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const visit = await getDoc(visits.doc(input.visitId), VisitDoc, 'visits');
    if (!visit || !mayReport(visit, ctx)) throw new AppError('NOT_FOUND', '访问记录不存在');
    const now = ctx.now();
    if (!limited) {
      const limit = timeLimit(ctx.caller.openid, visit._id, visit.anonymous);
      await limitPerMinute(ctx.db, limit.id, limit.limit, now);
      limited = true;
    }
    const seconds = acceptedSeconds(input.seconds, visit.seconds, visit.openedAt, now);
    const depth = input.depth && deeper(input.depth, visit.depth) ? input.depth : undefined;
    if (seconds === visit.seconds && !depth) return { seconds };
    // Compare-and-set on what was read: two heartbeats racing add their growth once.
    const unchanged = {
      _id: visit._id,
      seconds: visit.seconds,
      ...(visit.depth
        ? { 'depth.ratio': visit.depth.ratio, 'depth.paragraph': visit.depth.paragraph }
        : { depth: _.exists(false) }),
    };
    const res = await visits.where(unchanged).update({
      data: { seconds, ...(depth ? { depth: { ...depth } } : {}), updatedAt: now },
    });
    if (res.stats.updated !== 1) continue;
    const delta = seconds - visit.seconds;
    if (visit.viewer !== undefined && delta > 0) {
      for (const tag of visit.tags) await addInterest(ctx.db, visit.viewer, tag, delta, now);
    }
    await remindLongRead(ctx, visit, visit.seconds, seconds);
    return { seconds };
  }
  throw new AppError('RESOURCE_EXHAUSTED', '请稍后重试');
};

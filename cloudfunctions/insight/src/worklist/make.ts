/**
 * Making and refreshing one guide's list for a Beijing day. Items the guide already handled stay as
 * they are; the open ones are planned again, so a reason that stopped holding (a coupon used) leaves
 * and a new one (a long read this morning) comes in, the day's items never more than WORKLIST_CAP.
 * Every write is conditional on the item being open, so a refresh racing the guide's tap keeps the
 * outcome.
 */
import { WORKLIST_CAP } from '@core/contracts/insight-worklist';
import { isDuplicateKeyError } from '@server/db/errors';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import { WorklistItemDoc, worklistItemKey, worklistRunKey, type WorklistItemDoc as Item } from '@server/data/worklist';
import { dayKey } from '@server/ledger/calendar';
import { planWorklist } from '@server/worklist/rank';
import { cheapestItem, loadGuideFacts, type GuideFacts } from './load';
import { loadScriptBook } from './script-book';

export interface GuideRef {
  openid: string;
  name: string;
  storeId: string;
}

export function dayItems(db: Database, guideOpenid: string, day: string): Promise<Item[]> {
  return getAll(db.collection('worklist_items').where({ guideOpenid, day }), WorklistItemDoc, 'worklist_items', {
    max: 1000,
  });
}

/** Makes (or refreshes) the guide's list for the Beijing day of `now`; answers the day's items. */
export async function makeWorklist(
  db: Database,
  guide: GuideRef,
  now: number,
  shared?: { cheapest?: number; book?: Awaited<ReturnType<typeof loadScriptBook>>; facts?: GuideFacts },
): Promise<Item[]> {
  const day = dayKey(now);
  const _ = db.command;
  const [facts, existing, cheapest, book] = await Promise.all([
    shared?.facts ? Promise.resolve(shared.facts) : loadGuideFacts(db, guide.openid, now),
    dayItems(db, guide.openid, day),
    shared && 'cheapest' in shared ? Promise.resolve(shared.cheapest) : cheapestItem(db),
    shared?.book ? Promise.resolve(shared.book) : loadScriptBook(db, guide.openid),
  ]);
  const handled = existing.filter((i) => i.outcome !== undefined);
  const handledIds = new Set(handled.map((i) => i.customer));
  const plan = planWorklist(
    facts.customers.filter((c) => !handledIds.has(c.openid)),
    { now, cheapestItem: cheapest, closed: facts.closed, guideName: guide.name },
    book,
    Math.max(0, WORKLIST_CAP - handled.length),
  );
  const items: Item[] = plan.map((p) => ({
    _id: worklistItemKey(day, guide.openid, p.openid),
    day,
    guideOpenid: guide.openid,
    storeId: guide.storeId,
    customer: p.openid,
    name: p.name,
    kind: p.kind,
    key: p.key,
    value: p.value,
    reason: p.reason,
    goal: p.goal,
    scene: p.scene,
    ...(p.tag ? { tag: p.tag } : {}),
    script: p.script,
    expiresAt: p.expiresAt,
    createdAt: existing.find((e) => e.customer === p.openid)?.createdAt ?? now,
  }));
  const keep = new Set(items.map((i) => i._id));
  const dropped = existing.filter((e) => e.outcome === undefined && !keep.has(e._id)).map((e) => e._id);
  const col = db.collection('worklist_items');
  if (dropped.length > 0) await col.where({ _id: _.in(dropped), outcome: _.exists(false) }).remove();
  const open = new Set(existing.filter((e) => e.outcome === undefined).map((e) => e._id));
  const written = await Promise.all(
    items.map(async (item) => {
      const { _id, ...data } = item;
      if (open.has(_id)) {
        const res = await col.where({ _id, outcome: _.exists(false) }).update({ data });
        return res.stats.updated === 1 ? item : null;
      }
      try {
        await col.add({ data: item });
        return item;
      } catch (e) {
        // Another firing (or the guide's first opening) made it meanwhile.
        if (!isDuplicateKeyError(e)) throw e;
        return null;
      }
    }),
  );
  const runId = worklistRunKey(guide.openid, day);
  await db
    .collection('worklist_runs')
    .doc(runId)
    .set({ data: { guideOpenid: guide.openid, day, refreshedAt: now } });
  return [...handled, ...written.filter((i): i is Item => i !== null)];
}

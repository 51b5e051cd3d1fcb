import { FOLLOW_DAYS, type EffectRow } from '@core/contracts/insight-worklist';
import type { InsightContract } from '@core/contracts/insight';
import { allStores } from '@server/data/stores';
import { findGuides } from '@server/data/users';
import { WorklistItemDoc } from '@server/data/worklist';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import * as z from 'zod';
import { DAY_MS, parseRange } from '../days';

const FOLLOW_MS = FOLLOW_DAYS * DAY_MS;
const BIG = { pageSize: 1000, max: 200_000 };
const CountedItem = WorklistItemDoc.pick({
  guideOpenid: true,
  storeId: true,
  customer: true,
  outcome: true,
  outcomeAt: true,
  createdAt: true,
});
type Counted = z.infer<typeof CountedItem>;
const VisitAt = z.object({ viewer: z.string().optional(), openedAt: z.number() });
const CouponAt = z.object({ owner: z.string(), issuedAt: z.number() });
/** purchase_awards as the points domain writes them (createdAt is a Date there). */
const AwardAt = z.object({ memberOpenid: z.string(), createdAt: z.coerce.date() });

/** Per customer, the times something followed: a signed-in open, a redemption, a purchase award. */
async function followUps(db: Database, customers: string[], start: number, end: number) {
  const _ = db.command;
  const times = new Map<string, number[]>();
  const add = (who: string | undefined, at: number) => {
    if (!who) return;
    let list = times.get(who);
    if (!list) times.set(who, (list = []));
    list.push(at);
  };
  await Promise.all(
    chunks(customers).map(async (part) => {
      const [visits, coupons, awards] = await Promise.all([
        getAll(
          db
            .collection('visits')
            .where({ viewer: _.in(part), openedAt: _.and(_.gte(start), _.lt(end)) })
            .field({ viewer: true, openedAt: true }),
          VisitAt,
          'visits',
          BIG,
        ),
        getAll(
          db
            .collection('coupons')
            .where({ owner: _.in(part), issuedAt: _.and(_.gte(start), _.lt(end)) })
            .field({ owner: true, issuedAt: true }),
          CouponAt,
          'coupons',
          BIG,
        ),
        getAll(
          db
            .collection('purchase_awards')
            .where({
              memberOpenid: _.in(part),
              createdAt: _.and(_.gte(new Date(start)), _.lt(new Date(end))),
              reversedAt: _.exists(false),
            })
            .field({ memberOpenid: true, createdAt: true }),
          AwardAt,
          'purchase_awards',
          BIG,
        ),
      ]);
      for (const v of visits) add(v.viewer, v.openedAt);
      for (const c of coupons) add(c.owner, c.issuedAt);
      for (const a of awards) add(a.memberOpenid, a.createdAt.getTime());
    }),
  );
  return times;
}

type Totals = Omit<EffectRow, 'id' | 'name' | 'storeName'>;
const zero = (): Totals => ({ made: 0, contacted: 0, contactedFollowed: 0, notContacted: 0, notContactedFollowed: 0 });

/**
 * Whether contacting helps: per guide (or store) the items made in the range, those marked
 * contacted and how many of them were followed within FOLLOW_DAYS by a visit, a redemption or a
 * purchase award — against the items of the same lists nobody contacted, counted from when the
 * item was made.
 */
export const worklistFigures: ActionHandler<InsightContract, 'worklistFigures'> = async (input, ctx) => {
  const range = parseRange(input.from, input.to);
  const _ = ctx._;
  const items: Counted[] = await getAll(
    ctx.db
      .collection('worklist_items')
      .where({ day: _.and(_.gte(range.from), _.lte(range.to)) })
      .field({ guideOpenid: true, storeId: true, customer: true, outcome: true, outcomeAt: true, createdAt: true }),
    CountedItem,
    'worklist_items',
    BIG,
  );
  const [times, guides, stores] = await Promise.all([
    followUps(ctx.db, [...new Set(items.map((i) => i.customer))], range.start, range.end + FOLLOW_MS),
    findGuides(ctx.db),
    allStores(ctx.db),
  ]);
  const rows = new Map<string, Totals>();
  const totals = zero();
  for (const i of items) {
    const contacted = i.outcome === 'contacted';
    const from = contacted ? (i.outcomeAt ?? i.createdAt) : i.createdAt;
    const followed = (times.get(i.customer) ?? []).some((t) => t > from && t <= from + FOLLOW_MS);
    const id = input.by === 'guide' ? i.guideOpenid : i.storeId;
    let r = rows.get(id);
    if (!r) rows.set(id, (r = zero()));
    for (const t of [r, totals]) {
      t.made += 1;
      if (contacted) {
        t.contacted += 1;
        if (followed) t.contactedFollowed += 1;
      } else {
        t.notContacted += 1;
        if (followed) t.notContactedFollowed += 1;
      }
    }
  }
  const guideById = new Map(guides.map((g) => [g._id, g]));
  const storeById = new Map(stores.map((s) => [s._id, s]));
  const out: EffectRow[] = [...rows].map(([id, r]) => {
    if (input.by === 'store') return { id, name: storeById.get(id)?.name ?? '已删除门店', ...r };
    const g = guideById.get(id);
    const storeName = g ? storeById.get(g.storeId)?.name : undefined;
    return { id, name: g?.name ?? '导购', ...(storeName ? { storeName } : {}), ...r };
  });
  out.sort((a, b) => b.made - a.made || a.name.localeCompare(b.name, 'zh'));
  return { from: range.from, to: range.to, rows: out, totals };
};

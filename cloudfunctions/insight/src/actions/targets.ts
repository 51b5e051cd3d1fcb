/**
 * Monthly targets and progress. Actuals are grouped inside the database (one aggregate per figure
 * and scope), over the Beijing calendar month, on indexed time fields.
 */
import type { InsightContract, TargetFigures, TargetRow } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { allStores } from '@server/data/stores';
import { findGuides } from '@server/data/users';
import { countBy, groupRows, num } from '@server/db/aggregate';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import * as z from 'zod';
import { BEIJING_OFFSET_MS } from '../days';

const TargetDoc = z.object({
  _id: z.string(),
  month: z.string(),
  scope: z.enum(['store', 'guide']),
  refId: z.string(),
  newMembers: z.number(),
  postsShared: z.number(),
  purchasePoints: z.number(),
});

/** The Beijing calendar month `YYYY-MM` as [start, end) epoch ms. */
export function monthRange(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1) - BEIJING_OFFSET_MS, end: Date.UTC(y, m, 1) - BEIJING_OFFSET_MS };
}

export const setTargets: ActionHandler<InsightContract, 'setTargets'> = async (input, ctx) => {
  const [stores, guides] = await Promise.all([allStores(ctx.db), findGuides(ctx.db)]);
  const known = new Set([...stores.map((s) => `store:${s._id}`), ...guides.map((g) => `guide:${g._id}`)]);
  const missing = input.targets.find((t) => !known.has(`${t.scope}:${t.id}`));
  if (missing) throw new AppError('NOT_FOUND', missing.scope === 'store' ? '门店不存在' : '导购不存在');
  const now = ctx.now();
  for (const t of input.targets) {
    await ctx.db
      .collection('targets')
      .doc(`${input.month}:${t.scope}:${t.id}`)
      .set({
        data: {
          month: input.month,
          scope: t.scope,
          refId: t.id,
          ...t.target,
          updatedAt: now,
          updatedBy: ctx.caller.openid,
        },
      });
  }
  return { saved: input.targets.length };
};

type Actuals = Map<string, TargetFigures>;

/** Sums points of purchase awards not reversed, by `field`; createdAt is a Date in that collection. */
async function pointsBy(
  db: Database,
  range: { start: number; end: number },
  field: string,
): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = _.aggregate;
  const rows = await groupRows(
    db
      .collection('purchase_awards')
      .aggregate()
      .match({ createdAt: _.and(_.gte(new Date(range.start)), _.lt(new Date(range.end))), reversedAt: _.exists(false) })
      .group({ _id: `$${field}`, n: $.sum('$points') }),
  );
  const out = new Map<string, number>();
  for (const r of rows) if (typeof r._id === 'string') out.set(r._id, num(r.n));
  return out;
}

/** Actual figures per guide (by guideOpenid) or per store (by storeId) in the month. */
export async function actualsBy(db: Database, month: string, scope: 'store' | 'guide'): Promise<Actuals> {
  const _ = db.command;
  const range = monthRange(month);
  const when = _.and(_.gte(range.start), _.lt(range.end));
  const field = scope === 'store' ? 'storeId' : 'guideOpenid';
  const [members, shared, points] = await Promise.all([
    countBy(db, 'users', { role: 'customer', createdAt: when }, field),
    countBy(db, 'post_variants', { copiedAt: when }, field),
    pointsBy(db, range, field),
  ]);
  const out: Actuals = new Map();
  const at = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { newMembers: 0, postsShared: 0, purchasePoints: 0 }));
    return f;
  };
  for (const [id, n] of members) at(id).newMembers = n;
  for (const [id, n] of shared) at(id).postsShared = n;
  for (const [id, n] of points) at(id).purchasePoints = n;
  return out;
}

const KEYS = ['newMembers', 'postsShared', 'purchasePoints'] as const;

/**
 * Every target of `month` with its progress measured at `at` (the share of the target due is the
 * month's elapsed fraction at that moment), stores first, then guides, by name.
 */
export async function targetRows(
  db: Database,
  month: string,
  at: number,
  keep: (d: z.infer<typeof TargetDoc>) => boolean = () => true,
): Promise<{ elapsed: number; rows: TargetRow[] }> {
  const range = monthRange(month);
  const elapsed = Math.min(1, Math.max(0, (at - range.start) / (range.end - range.start)));
  const docs = (await getAll(db.collection('targets').where({ month }), TargetDoc, 'targets')).filter(keep);
  const [stores, guides, byStore, byGuide] = await Promise.all([
    allStores(db),
    findGuides(db),
    actualsBy(db, month, 'store'),
    actualsBy(db, month, 'guide'),
  ]);
  const names = new Map<string, string>([
    ...stores.map((s) => [`store:${s._id}`, s.name] as const),
    ...guides.map((g) => [`guide:${g._id}`, g.name] as const),
  ]);
  const rows: TargetRow[] = docs.map((d) => {
    const actual = (d.scope === 'store' ? byStore : byGuide).get(d.refId) ?? {
      newMembers: 0,
      postsShared: 0,
      purchasePoints: 0,
    };
    const target = { newMembers: d.newMembers, postsShared: d.postsShared, purchasePoints: d.purchasePoints };
    const deviation = Object.fromEntries(
      KEYS.map((k) => [k, Math.round((actual[k] - target[k] * elapsed) * 10) / 10]),
    ) as TargetFigures;
    return {
      scope: d.scope,
      id: d.refId,
      name: names.get(`${d.scope}:${d.refId}`) ?? '',
      target,
      actual,
      deviation,
      behind: KEYS.some((k) => deviation[k] < 0),
    };
  });
  rows.sort((a, b) => (a.scope === b.scope ? a.name.localeCompare(b.name, 'zh') : a.scope === 'store' ? -1 : 1));
  return { elapsed, rows };
}

/** HQ: every target of the month; a guide: their own and their store's. */
export const targetProgress: ActionHandler<InsightContract, 'targetProgress'> = async (input, ctx) => {
  const user = ctx.caller.user;
  const keep =
    ctx.caller.role === 'hq'
      ? undefined
      : (d: z.infer<typeof TargetDoc>) =>
          (d.scope === 'guide' && d.refId === ctx.caller.openid) || (d.scope === 'store' && d.refId === user?.storeId);
  const { elapsed, rows } = await targetRows(ctx.db, input.month, ctx.now(), keep);
  return { month: input.month, elapsed, rows };
};

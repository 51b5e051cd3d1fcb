/**
 * The worklist's timers (config.json). `makeWorklists` fires every few minutes in the early morning
 * and makes today's list for each active guide who has none yet, as many as its budget allows; the
 * next firing goes on where it stopped, so 500 guides fan out over a few firings instead of one
 * long one. `refreshWorklists` fires through the day and re-plans the lists of guides whose
 * customers did something since the last firing (opened a share, joined, redeemed).
 */
import { CustomerDoc, findGuides, type GuideDoc } from '@server/data/users';
import { WorklistRunDoc } from '@server/data/worklist';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { TimerContext } from '@server/kit';
import { dayKey } from '@server/ledger/calendar';
import * as z from 'zod';
import { cheapestItem, loadFactsOfGuides } from './load';
import { makeWorklist } from './make';
import { loadScriptBook } from './script-book';

/** Wall time one firing may spend; the insight function's timeout (config.json) leaves room above it for one more batch. */
export const WORKLIST_BUDGET_MS = 10_000;
/** Guides whose customers' facts are loaded together: the queries run per chunk of customers. */
export const GUIDE_BATCH = 25;
/** How far back a refresh looks for new data: more than the refresh period, so nothing falls between. */
export const REFRESH_LOOKBACK_MS = 15 * 60_000;

export interface WorklistFiring {
  made: number;
  /** Guides still without a list (or a refresh) when the budget ran out. */
  remaining: number;
}

/** The time this firing stands for: the stated trigger time, or the clock when that is later. */
function firedAt(ctx: TimerContext): number {
  const stated = Date.parse(ctx.trigger.time ?? '');
  return Number.isNaN(stated) ? ctx.now() : Math.max(stated, ctx.now());
}

async function runFor(ctx: TimerContext, guides: GuideDoc[], now: number, budgetMs: number): Promise<WorklistFiring> {
  const started = Date.now();
  const [cheapest, book] = await Promise.all([cheapestItem(ctx.db), loadScriptBook(ctx.db)]);
  const out: WorklistFiring = { made: 0, remaining: 0 };
  let slowest = 0;
  for (const batch of chunks(guides, GUIDE_BATCH)) {
    if (Date.now() - started + slowest > budgetMs) {
      out.remaining += batch.length;
      continue;
    }
    const t0 = Date.now();
    const facts = await loadFactsOfGuides(
      ctx.db,
      batch.map((g) => g._id),
      now,
    );
    // One guide at a time: each writes up to a list's items at once, which is concurrency enough.
    for (const g of batch) {
      const mine = facts.get(g._id);
      await makeWorklist(ctx.db, { openid: g._id, name: g.name, storeId: g.storeId }, now, {
        cheapest,
        book,
        ...(mine ? { facts: mine } : {}),
      });
    }
    out.made += batch.length;
    slowest = Math.max(slowest, Date.now() - t0);
  }
  return out;
}

const RunDay = WorklistRunDoc.pick({ guideOpenid: true });

async function guidesWithList(db: Database, day: string): Promise<Set<string>> {
  const rows = await getAll(
    db.collection('worklist_runs').where({ day }).field({ guideOpenid: true }),
    RunDay,
    'worklist_runs',
    {
      pageSize: 1000,
      max: 50_000,
    },
  );
  return new Set(rows.map((r) => r.guideOpenid));
}

export async function makeWorklists(ctx: TimerContext, budgetMs = WORKLIST_BUDGET_MS): Promise<WorklistFiring> {
  const now = firedAt(ctx);
  const [guides, done] = await Promise.all([findGuides(ctx.db, { active: true }), guidesWithList(ctx.db, dayKey(now))]);
  const result = await runFor(
    ctx,
    guides.filter((g) => !done.has(g._id)),
    now,
    budgetMs,
  );
  if (result.made || result.remaining) ctx.log.info('makeWorklists', { ...result });
  return result;
}

const Viewer = z.object({ viewer: z.string().optional() });
const Owner = z.object({ owner: z.string() });
const GuideOf = CustomerDoc.pick({ guideOpenid: true });

/** Guides whose customers opened a share, joined or redeemed since `since`. */
async function touchedGuides(db: Database, since: number): Promise<Set<string>> {
  const _ = db.command;
  const opts = { pageSize: 1000, max: 100_000 };
  const [visits, coupons, joined] = await Promise.all([
    getAll(
      db
        .collection('visits')
        .where({ updatedAt: _.gte(since) })
        .field({ viewer: true }),
      Viewer,
      'visits',
      opts,
    ),
    getAll(
      db
        .collection('coupons')
        .where({ issuedAt: _.gte(since) })
        .field({ owner: true }),
      Owner,
      'coupons',
      opts,
    ),
    getAll(
      db
        .collection('users')
        .where({ role: 'customer', createdAt: _.gte(since) })
        .field({ guideOpenid: true }),
      GuideOf,
      'users',
      opts,
    ),
  ]);
  const people = [...new Set([...visits.flatMap((v) => (v.viewer ? [v.viewer] : [])), ...coupons.map((c) => c.owner)])];
  const guides = new Set(joined.flatMap((u) => (u.guideOpenid ? [u.guideOpenid] : [])));
  for (const part of chunks(people)) {
    const rows = await getAll(
      db
        .collection('users')
        .where({ _id: _.in(part), role: 'customer' })
        .field({ guideOpenid: true }),
      GuideOf,
      'users',
      opts,
    );
    for (const r of rows) if (r.guideOpenid) guides.add(r.guideOpenid);
  }
  return guides;
}

export async function refreshWorklists(ctx: TimerContext, budgetMs = WORKLIST_BUDGET_MS): Promise<WorklistFiring> {
  const now = firedAt(ctx);
  const [touched, made] = await Promise.all([
    touchedGuides(ctx.db, now - REFRESH_LOOKBACK_MS),
    guidesWithList(ctx.db, dayKey(now)),
  ]);
  // Only lists already made today: a guide without one gets it from the morning timer or on opening.
  const ids = [...touched].filter((g) => made.has(g));
  const guides = ids.length > 0 ? await findGuides(ctx.db, { _id: ctx._.in(ids), active: true }) : [];
  const result = await runFor(ctx, guides, now, budgetMs);
  if (result.made || result.remaining) ctx.log.info('refreshWorklists', { ...result });
  return result;
}

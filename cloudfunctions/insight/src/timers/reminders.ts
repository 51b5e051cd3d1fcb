/**
 * Reminder timers. `sendReminders` (every minute) queues the posting reminders whose slot has come
 * for guides who subscribed, then delivers what is due; `expiryReminders` (daily) queues members'
 * points and coupons expiring soon. Producers in other actions (a new member, a long read) queue
 * through the same queue; delivery, credits and quiet hours live in server/notify.
 */
import { EXPIRY_REMINDER_DAYS } from '@core/limits';
import { CouponDoc } from '@server/data/coupons';
import { PostDoc } from '@server/data/posts';
import { VariantDoc } from '@server/data/variants';
import { chunks, getAll } from '@server/db/read';
import type { TimerContext } from '@server/kit';
import { AccountDoc } from '@server/ledger';
import { beijingDate, beijingTime, holdersOf, queueReminder, sendDue, thing, type Reminder } from '@server/notify';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A slot reached while no timer ran (a deploy, an outage) is still reminded within this window. */
const SLOT_LOOKBACK_MS = 2 * 60 * MINUTE;

/**
 * The time this firing stands for: the trigger's stated time, or the clock when that is later.
 * Going by the stated time lets the local cloud fire a trigger "at" a chosen moment.
 */
export function firingTime(ctx: TimerContext): number {
  const stated = ctx.trigger.time ? Date.parse(ctx.trigger.time) : Number.NaN;
  return Number.isFinite(stated) ? Math.max(stated, ctx.now()) : ctx.now();
}

/** Queues each reminder (an event queued before is skipped); answers how many were new. */
async function queueAll(ctx: TimerContext, batch: readonly Reminder[], now: number): Promise<number> {
  let queued = 0;
  for (const r of batch) if (await queueReminder(ctx.db, r, now)) queued += 1;
  return queued;
}

/** A template `thing` (≤ 20 characters) naming a post, and how many posts wait when several do. */
function dueTitle(title: string, count: number): string {
  if (count <= 1) return thing(title);
  const more = ` 等${count}条`;
  return `${[...thing(title)].slice(0, 20 - more.length).join('')}${more}`;
}

/** Posting reminders for subscribed guides whose staggered slot is within the lookback. */
async function queuePostingSlots(ctx: TimerContext, now: number): Promise<number> {
  const guides = await holdersOf(ctx.db, 'post');
  if (guides.length === 0) return 0;
  const _ = ctx._;
  const batch: Reminder[] = [];
  for (const ids of chunks(guides)) {
    const variants = await getAll(
      ctx.db
        .collection('post_variants')
        .where({ guideOpenid: _.in(ids), suggestedAt: _.and(_.gt(now - SLOT_LOOKBACK_MS), _.lte(now)) }),
      VariantDoc,
      'post_variants',
      { max: 5000 },
    );
    const fresh = variants.filter((v) => v.copiedAt === undefined);
    if (fresh.length === 0) continue;
    const posts = await getAll(
      ctx.db.collection('posts').where({ _id: _.in([...new Set(fresh.map((v) => v.postId))]) }),
      PostDoc,
      'posts',
    );
    const byId = new Map(posts.map((p) => [p._id, p]));
    // One reminder per guide per slot: a guide with several posts due (variants are made ahead for
    // every post of the day) gets the newest one named with how many wait, not one each — one
    // send credit is one message, and which post it named must not be left to the order of a read.
    const perGuide = new Map<string, VariantDoc[]>();
    for (const v of fresh) perGuide.set(v.guideOpenid, [...(perGuide.get(v.guideOpenid) ?? []), v]);
    for (const due of perGuide.values()) {
      const at = (v: VariantDoc) => byId.get(v.postId)?.publishedAt ?? 0;
      const v = due.reduce((a, b) => (at(b) > at(a) || (at(b) === at(a) && b.postId > a.postId) ? b : a));
      const title = byId.get(v.postId)?.title ?? '今日发圈';
      batch.push({
        openid: v.guideOpenid,
        kind: 'post',
        key: v._id,
        data: { thing1: dueTitle(title, due.length), time2: beijingTime(v.suggestedAt) },
        page: `pages/post/index?id=${v.postId}`,
        dueAt: v.suggestedAt,
      });
    }
  }
  return queueAll(ctx, batch, now);
}

export async function sendReminders(ctx: TimerContext): Promise<unknown> {
  const now = firingTime(ctx);
  const queued = await queuePostingSlots(ctx, now);
  const report = await sendDue(ctx, now);
  if (queued || report.sent || report.dropped || report.failed) ctx.log.info('sendReminders', { queued, ...report });
  return { queued, ...report };
}

/** Members with points or an unused coupon expiring within EXPIRY_REMINDER_DAYS who subscribed. */
export async function expiryReminders(ctx: TimerContext): Promise<unknown> {
  const now = firingTime(ctx);
  const until = now + EXPIRY_REMINDER_DAYS * DAY;
  const _ = ctx._;
  const batch: Reminder[] = [];
  const pointsHolders = await holdersOf(ctx.db, 'points');
  for (const ids of chunks(pointsHolders)) {
    const accounts = await getAll(
      ctx.db.collection('points_accounts').where({ _id: _.in(ids), nextExpiry: _.and(_.gt(now), _.lte(until)) }),
      AccountDoc,
      'points_accounts',
    );
    for (const a of accounts) {
      const amount = a.lots
        .filter((l) => l.expiresAt !== null && l.expiresAt > now && l.expiresAt <= until)
        .reduce((n, l) => n + l.amount, 0);
      if (amount <= 0 || a.nextExpiry === null) continue;
      batch.push({
        openid: a._id,
        kind: 'points',
        key: `${a._id}:${a.nextExpiry}`,
        // Points lapse at the midnight that ends their last valid day: the message names that day,
        // as the points page does ("将于 <day> 24:00 过期"), not the next one.
        data: { number1: String(amount), date2: beijingDate(a.nextExpiry - 1) },
        page: 'pages/points/index',
        dueAt: now,
      });
    }
  }
  const couponHolders = await holdersOf(ctx.db, 'coupon');
  for (const ids of chunks(couponHolders)) {
    const coupons = await getAll(
      ctx.db
        .collection('coupons')
        .where({ owner: _.in(ids), status: 'unused', expiresAt: _.and(_.gt(now), _.lte(until)) }),
      CouponDoc,
      'coupons',
    );
    for (const c of coupons) {
      batch.push({
        openid: c.owner,
        kind: 'coupon',
        key: c._id,
        data: { thing1: thing(c.title), date2: beijingDate(c.expiresAt) },
        page: 'pages/coupons/index',
        dueAt: now,
      });
    }
  }
  return { queued: await queueAll(ctx, batch, now) };
}

/**
 * The reasons to contact a customer today, each with its value (for ranking), a Chinese line, the
 * goal, the script scene and the values its placeholders take. A reason has a key that names its
 * subject (the post, the coupon, the day points expire); once the guide contacted the customer for a
 * key, or judged it unfit, that key is closed for good.
 */
import type { ReasonKind, ScriptScene } from '@core/contracts/insight-worklist';
import { dayKey, endOfDay } from '../ledger/calendar';
import type { CustomerFacts, ReadFact, WorldFacts } from './facts';
import type { ScriptValues } from './scripts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** A read counts when it is this recent and this long (or reached the end). */
export const READ_WINDOW_MS = 48 * HOUR_MS;
export const READ_MIN_SECONDS = 60;
export const COUPON_SOON_MS = 3 * DAY_MS;
export const POINTS_SOON_MS = 7 * DAY_MS;
/** "Back" is an open within the read window after at least this long without one. */
export const AWAY_MS = 30 * DAY_MS;
export const RETURN_WINDOW_MS = READ_WINDOW_MS;
export const SILENT_MS = 30 * DAY_MS;

export interface Reason {
  kind: ReasonKind;
  key: string;
  /** Expected value of contacting for this reason; higher first. */
  value: number;
  text: string;
  goal: string;
  scene: ScriptScene;
  values: ScriptValues;
  tag?: string;
  /** The reason stops being true then (a coupon's expiry); the item expires no later. */
  until?: number;
}

/**
 * Base values, in the order a guide's time is best spent: someone with a gift waiting or a coupon
 * about to lapse will come to the store for it; a reader is warm; a new member needs a welcome;
 * expiring points and a long silence are the weakest openings.
 */
const BASE: Record<ReasonKind, number> = {
  gift: 90,
  coupon: 80,
  read: 70,
  returned: 62,
  welcome: 55,
  points: 45,
  silent: 30,
};

const monthDay = (ms: number) => {
  const [, m, d] = dayKey(ms).split('-');
  return `${Number(m)}月${Number(d)}日`;
};

const duration = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`);

function readReason(c: CustomerFacts, now: number): Reason | undefined {
  const byPost = new Map<string, ReadFact & { total: number }>();
  for (const r of c.reads) {
    if (r.at < now - READ_WINDOW_MS || r.at > now) continue;
    const seen = byPost.get(r.postId);
    const total = (seen?.total ?? 0) + r.seconds;
    byPost.set(r.postId, {
      ...(seen && seen.at > r.at ? seen : r),
      finished: r.finished || (seen?.finished ?? false),
      total,
    });
  }
  let best: Reason | undefined;
  for (const r of byPost.values()) {
    if (r.total < READ_MIN_SECONDS && !r.finished) continue;
    // Bounded bonuses keep each kind inside its band: a long read never outranks a lapsing coupon.
    const value = BASE.read + Math.min(6, r.total / 60) + (r.finished ? 2 : 0);
    if (best && best.value >= value) continue;
    const tag = r.tags[0];
    const title = r.title ? `《${r.title}》` : '一篇文章';
    best = {
      kind: 'read',
      key: `read:${r.postId}`,
      value,
      text: `${r.finished ? '读完了' : '读了'}${title}${tag ? `（${tag}）` : ''}，共 ${duration(r.total)}`,
      goal: tag ? `了解对「${tag}」的兴趣，推荐相关产品` : '了解兴趣，推荐相关产品',
      scene: 'afterReading',
      values: { 文章: r.title ? `《${r.title}》` : '' },
      ...(tag ? { tag } : {}),
    };
  }
  return best;
}

function couponReason(c: CustomerFacts, now: number): Reason | undefined {
  const soon = c.coupons
    .filter((x) => x.kind === 'coupon' && x.expiresAt > now && x.expiresAt <= now + COUPON_SOON_MS)
    .sort((a, b) => a.expiresAt - b.expiresAt || a.id.localeCompare(b.id))[0];
  if (!soon) return undefined;
  return {
    kind: 'coupon',
    key: `coupon:${soon.id}`,
    // The sooner it lapses, the more today's reminder is worth.
    value: BASE.coupon + (COUPON_SOON_MS - (soon.expiresAt - now)) / DAY_MS,
    text: `「${soon.title}」${monthDay(soon.expiresAt - 1)}到期，还未使用`,
    goal: '提醒到店用券',
    scene: 'couponReminder',
    values: { 券: soon.title, 到期日: monthDay(soon.expiresAt - 1) },
    until: soon.expiresAt,
  };
}

function giftReason(c: CustomerFacts, now: number): Reason | undefined {
  const gift = c.coupons
    .filter((x) => x.kind === 'gift' && x.expiresAt > now)
    .sort((a, b) => a.issuedAt - b.issuedAt || a.id.localeCompare(b.id))[0];
  if (!gift) return undefined;
  return {
    kind: 'gift',
    key: `gift:${gift.id}`,
    value: BASE.gift,
    text: `兑换了「${gift.title}」，还没到店领取`,
    goal: '邀请到店领取礼品',
    scene: 'giftPickup',
    values: { 券: gift.title, 到期日: monthDay(gift.expiresAt - 1) },
    until: gift.expiresAt,
  };
}

function pointsReason(c: CustomerFacts, now: number): Reason | undefined {
  const e = c.points.expiring;
  if (!e || e.amount <= 0 || e.at <= now || e.at > now + POINTS_SOON_MS) return undefined;
  return {
    kind: 'points',
    key: `points:${dayKey(e.at - 1)}`,
    value: BASE.points + Math.min(8, e.amount / 100),
    text: `${e.amount} 积分将于${monthDay(e.at - 1)}到期`,
    goal: '提醒在到期前兑换',
    scene: 'pointsExpiry',
    values: { 到期日: monthDay(e.at - 1) },
    until: e.at,
  };
}

function welcomeReason(c: CustomerFacts, now: number): Reason | undefined {
  // Joined yesterday or today (Beijing days): the morning list greets yesterday's members, a
  // refresh during the day greets today's.
  const startOfYesterday = endOfDay(now) - 2 * DAY_MS;
  if (c.joinedAt < startOfYesterday || c.joinedAt > now) return undefined;
  return {
    kind: 'welcome',
    key: 'welcome',
    value: BASE.welcome,
    text: `${monthDay(c.joinedAt)}新加入会员`,
    goal: '欢迎新会员，介绍会员权益',
    scene: 'welcome',
    values: {},
  };
}

function returnedReason(c: CustomerFacts, now: number): Reason | undefined {
  const last = c.lastSeenAt;
  if (last === undefined || last < now - RETURN_WINDOW_MS || last > now) return undefined;
  const before = c.seenBefore ?? c.joinedAt;
  if (last - before < AWAY_MS) return undefined;
  const days = Math.floor((last - before) / DAY_MS);
  return {
    kind: 'returned',
    key: `returned:${dayKey(last)}`,
    value: BASE.returned,
    text: `${days} 天没来过，最近又打开了分享`,
    goal: '重新建立联系，了解近况',
    scene: 'reengagement',
    values: {},
  };
}

function silentReason(c: CustomerFacts, world: WorldFacts): Reason | undefined {
  const since = c.lastSeenAt ?? c.joinedAt;
  const enough = Math.max(1, world.cheapestItem ?? 1);
  if (world.now - since < SILENT_MS || c.points.balance < enough) return undefined;
  return {
    kind: 'silent',
    key: `silent:${dayKey(since)}`,
    value: BASE.silent + Math.min(10, c.points.balance / 200),
    text: `${Math.floor((world.now - since) / DAY_MS)} 天没有互动，还有 ${c.points.balance} 积分可用`,
    goal: '唤醒沉默会员，邀请用积分兑换',
    scene: 'reengagement',
    values: {},
  };
}

/** Every reason that holds for the customer now and is not closed, most valuable first. */
export function reasonsFor(c: CustomerFacts, world: WorldFacts): Reason[] {
  const now = world.now;
  const closed = world.closed.get(c.openid);
  const all = [
    giftReason(c, now),
    couponReason(c, now),
    readReason(c, now),
    returnedReason(c, now),
    welcomeReason(c, now),
    pointsReason(c, now),
    silentReason(c, world),
  ];
  return all
    .filter((r): r is Reason => r !== undefined && !closed?.has(r.key))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

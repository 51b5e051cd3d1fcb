import type { CouponStatus, CouponView, ItemState, ItemView } from '@core/contracts/mall';
import type { CouponDoc } from '@server/data/coupons';
import type { TierDef } from '@core/points/tiers';
import type { ItemDoc } from './documents';
import type { StockTotals } from './stock';

/** Whether a member may redeem now; `left` is what the stock shards still hold. */
export function itemState(item: ItemDoc, left: number, now: number): ItemState {
  if (!item.active) return 'off';
  if (item.startsAt !== null && now < item.startsAt) return 'upcoming';
  if (item.endsAt !== null && now >= item.endsAt) return 'ended';
  if (left <= 0) return 'soldOut';
  return 'on';
}

/** Why a member cannot redeem, in their words. */
export const STATE_MESSAGES: Record<Exclude<ItemState, 'on'>, string> = {
  off: '该商品已下架',
  upcoming: '兑换尚未开始',
  ended: '兑换已结束',
  soldOut: '已经兑完了，下次早点来',
};

/** What an item or its coupon is: title, kind and, for a coupon, its amount and threshold when set. */
export function faceValue(x: Pick<ItemDoc, 'title' | 'kind' | 'amountFen' | 'thresholdFen'>) {
  return {
    title: x.title,
    kind: x.kind,
    ...(x.amountFen !== undefined ? { amountFen: x.amountFen } : {}),
    ...(x.thresholdFen !== undefined ? { thresholdFen: x.thresholdFen } : {}),
  };
}

/** The item's tier requirement by the current tier list; a tier HQ removed restricts nobody. */
export function minTierOf(item: ItemDoc, tiers: readonly TierDef[]): TierDef | undefined {
  return item.minTier === undefined ? undefined : tiers.find((t) => t.id === item.minTier);
}

export function toItemView(
  item: ItemDoc,
  stock: StockTotals | undefined,
  now: number,
  tiers: readonly TierDef[] = [],
): ItemView {
  const issued = stock?.issued ?? 0;
  const minTier = minTierOf(item, tiers);
  const remaining = Math.max(0, (stock?.stock ?? 0) - issued);
  return {
    id: item._id,
    ...faceValue(item),
    ...(item.description !== undefined ? { description: item.description } : {}),
    pointsPrice: item.pointsPrice,
    stock: item.stock,
    issued,
    remaining,
    perUserLimit: item.perUserLimit,
    validDays: item.validDays,
    ...(item.startsAt !== null ? { startsAt: item.startsAt } : {}),
    ...(item.endsAt !== null ? { endsAt: item.endsAt } : {}),
    active: item.active,
    state: itemState(item, remaining, now),
    ...(minTier ? { minTier: { id: minTier.id, name: minTier.name } } : {}),
    updatedAt: item.updatedAt,
  };
}

/** A coupon past its expiry is expired whether or not the timer has marked it yet. */
export function couponStatus(c: CouponDoc, now: number): CouponStatus {
  if (c.status === 'unused' && c.expiresAt <= now) return 'expired';
  return c.status;
}

export function toCouponView(c: CouponDoc, now: number, storeName?: string): CouponView {
  return {
    id: c._id,
    code: c.code,
    itemId: c.itemId,
    ...faceValue(c),
    pointsPrice: c.pointsPrice,
    status: couponStatus(c, now),
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    ...(c.usedAt !== undefined ? { usedAt: c.usedAt } : {}),
    ...(storeName !== undefined ? { storeName } : {}),
  };
}

/** `11月25日 21:50`, Beijing time, for messages a guide reads at the counter. */
export function beijingTime(ms: number): string {
  const d = new Date(ms + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

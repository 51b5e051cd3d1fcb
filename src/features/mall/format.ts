import type { CouponStatus, ItemState } from '@core/contracts/mall';

/** ¥20 or ¥19.90 from fen. */
export function yuan(fen: number): string {
  return fen % 100 === 0 ? `¥${fen / 100}` : `¥${(fen / 100).toFixed(2)}`;
}

/** "满100减20", "无门槛减5". */
export function couponRule(amountFen?: number, thresholdFen?: number): string {
  if (amountFen === undefined) return '到店领取礼品';
  const amount = yuan(amountFen).slice(1);
  return thresholdFen ? `满${yuan(thresholdFen).slice(1)}减${amount}` : `无门槛减${amount}`;
}

export const priceText = (points: number) => (points === 0 ? '免费领取' : `${points} 积分`);

export const STATE_LABELS: Record<ItemState, string> = {
  on: '可兑换',
  upcoming: '即将开始',
  ended: '已结束',
  soldOut: '已兑完',
  off: '已下架',
};

export const COUPON_STATUS_LABELS: Record<CouponStatus, string> = {
  unused: '未使用',
  used: '已使用',
  expired: '已过期',
};

/** XXXX-XXXX-XXXX, easier to read out at the counter. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** "20", "19.9", "19.90" → fen; anything else (or more than two decimals) → null. */
export function parseYuan(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(t)) return null;
  const [whole = '0', frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** "2026-12-31" → the end of that Beijing day (the next midnight), or null. */
export function parseEndDate(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return null;
  const start = Date.parse(`${t}T00:00:00+08:00`);
  return Number.isNaN(start) ? null : start + 24 * 3600_000;
}

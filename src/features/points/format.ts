import type { EntryKind } from '@core/contracts/points';

export const KIND_LABELS: Record<EntryKind, string> = {
  welcome: '新会员礼',
  referralJoined: '邀请好友入会',
  referralFirstRedeem: '好友首次兑换',
  redeem: '积分兑换',
  adjust: '总部调整',
  expire: '积分过期',
  reverse: '冲正',
  forfeit: '注销清零',
  purchase: '门店消费',
  referralFirstPurchase: '好友首次到店消费',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Beijing date (and time), whatever the phone's zone: expiry and caps follow Beijing days. */
export function formatDate(t: number, withTime = false): string {
  const d = new Date(t + 8 * 3600_000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** The last Beijing day points are still valid: expiresAt is the midnight that ends it. */
export function lastValidDay(expiresAt: number): string {
  return formatDate(expiresAt - 1);
}

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A client-made id for a request that must apply once even if the user taps twice or the network retries. */
export function newRequestId(): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  return `r${Date.now().toString(36)}${bytes}`.slice(0, 40);
}

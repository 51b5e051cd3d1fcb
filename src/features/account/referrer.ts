import Taro from '@tarojs/taro';

const REFERRER_KEY = 'siyu.referrer';
/** Same shape the server accepts for an openid; anything else in a share query is ignored. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * Keeps the sharer from a launch or share query (`?ref=<openid>`) until the visitor registers,
 * which may be several screens or a relaunch later. First touch wins: the friend whose share
 * brought the visitor in is the one credited, not whoever shared last.
 */
export function rememberReferrer(query: Record<string, string | undefined> | undefined): void {
  const ref = query?.ref ? decodeURIComponent(query.ref) : undefined;
  if (!ref || !OPENID.test(ref)) return;
  if (readReferrer()) return;
  Taro.setStorageSync(REFERRER_KEY, ref);
}

export function readReferrer(): string | undefined {
  const value: unknown = Taro.getStorageSync(REFERRER_KEY);
  return typeof value === 'string' && OPENID.test(value) ? value : undefined;
}

export function forgetReferrer(): void {
  Taro.removeStorageSync(REFERRER_KEY);
}

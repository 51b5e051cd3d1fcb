/**
 * The share a visitor arrived through. A share is a token (never an openid): read from the page
 * query (`t=<token>`) or a wxacode's `scene` (`t=<token>`, URI-encoded), and the first one is kept
 * until the visitor registers, so the friend whose share brought them in is the one credited.
 */
import Taro from '@tarojs/taro';
import { SHARE_TOKEN_LENGTH } from '@core/limits';
import { tokenFromOptions } from '@core/share-paths';
import { readDevOpenid } from '@/lib/cloud/dev-identity';

const TOKEN = new RegExp(`^[0-9A-Za-z]{${SHARE_TOKEN_LENGTH}}$`);
const FIRST_SHARE_KEY = 'siyu.firstShare';

/** The token a page was opened with, from `t` or from a wxacode `scene`; anything malformed is ignored. */
export function tokenFromQuery(query: Record<string, string | undefined> | undefined): string | undefined {
  const token = query ? tokenFromOptions(query) : undefined;
  if (token && TOKEN.test(token)) return token;
  // A path's `t` that is not a token still leaves a scanned code's scene to read.
  const scanned = query?.scene !== undefined ? tokenFromOptions({ scene: query.scene }) : undefined;
  return scanned && TOKEN.test(scanned) ? scanned : undefined;
}

interface FirstShare {
  token: string;
  /** Who recorded a visit through it from this device (a referral needs the joiner's own visit). */
  visitedBy?: string;
  /** The sharer's name, as the visit's reply gave it. */
  sharerName?: string;
}

/**
 * Who this device acts as, for telling whether a stored visit was this caller's: the demo identity
 * on H5 (the sign-in page switches it); in the mini-program the storage belongs to one WeChat user.
 */
function identity(): string {
  return readDevOpenid() ?? 'wx';
}

export function readFirstShare(): FirstShare | undefined {
  const value: unknown = Taro.getStorageSync(FIRST_SHARE_KEY);
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, visitedBy, sharerName } = value as Partial<FirstShare>;
  if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
  return {
    token,
    ...(typeof visitedBy === 'string' ? { visitedBy } : {}),
    ...(typeof sharerName === 'string' ? { sharerName } : {}),
  };
}

/** Keeps `token` unless an earlier share is already kept (first touch wins). */
export function rememberShareToken(token: string | undefined): void {
  if (!token || !TOKEN.test(token) || readFirstShare()) return;
  Taro.setStorageSync(FIRST_SHARE_KEY, { token });
}

/** The current caller recorded a visit through `token` (an anonymous Moments open does not count). */
export function markShareVisited(token: string, sharerName: string | undefined): void {
  const first = readFirstShare();
  if (first?.token !== token) return;
  Taro.setStorageSync(FIRST_SHARE_KEY, { token, visitedBy: identity(), ...(sharerName ? { sharerName } : {}) });
}

export function visitedByMe(first: FirstShare): boolean {
  return first.visitedBy === identity();
}

export function forgetShareToken(): void {
  Taro.removeStorageSync(FIRST_SHARE_KEY);
}

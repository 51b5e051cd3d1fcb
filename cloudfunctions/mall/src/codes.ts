import { createHash } from 'node:crypto';
import { COUPON_CODE_ALPHABET, COUPON_CODE_LENGTH } from '@core/contracts/mall';
import { BASE62, randomString } from '@server/ids';

/** A fresh coupon code from crypto.randomInt: about 59 bits, so codes cannot be guessed. */
export function newCouponCode(): string {
  return randomString(COUPON_CODE_ALPHABET, COUPON_CODE_LENGTH);
}

/**
 * The coupon id is derived from the member and their requestId, so a retried redemption finds the
 * coupon its first attempt issued (and its twin's insert fails on the same `_id`). The id is not
 * a secret; the code is.
 */
export function couponIdFor(openid: string, requestId: string): string {
  const digest = createHash('sha256').update(`${openid}\n${requestId}`).digest();
  let id = '';
  for (let i = 0; i < 20; i++) id += BASE62.charAt((digest[i] ?? 0) % 62);
  return `cpn_${id}`;
}

/** What lists show after the fact: the last four characters are enough to match a receipt. */
export function maskCode(code: string): string {
  return `****-****-${code.slice(-4)}`;
}

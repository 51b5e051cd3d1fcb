import { COUPON_CODE_ALPHABET, COUPON_CODE_LENGTH } from '@core/contracts/mall';
import { randomString } from '@server/ids';
import { keyedBase62 } from '@server/privacy/keys';

/** A fresh coupon code from crypto.randomInt: about 59 bits, so codes cannot be guessed. */
export function newCouponCode(): string {
  return randomString(COUPON_CODE_ALPHABET, COUPON_CODE_LENGTH);
}

/**
 * The coupon id is derived from the member and their requestId, so a retried redemption finds the
 * coupon its first attempt issued (and its twin's insert fails on the same `_id`). It is a keyed
 * hash (server/privacy): the id, the `redeem:<couponId>` entry beside it and a leaked requestId
 * together still do not confirm whose coupon it was. The id is not a secret; the code is.
 */
export function couponIdFor(openid: string, requestId: string): string {
  return `cpn_${keyedBase62('coupon', [openid, requestId])}`;
}

/** What lists show after the fact: the last four characters are enough to match a receipt. */
export function maskCode(code: string): string {
  return `****-****-${code.slice(-4)}`;
}

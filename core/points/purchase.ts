/**
 * Points for purchases in store: the member code, the rule that turns an amount into points, and
 * the outlier rule HQ reads awards by. Free of zod, so the app shows the same numbers the server
 * applies.
 */

/** Digits of a member code: typed by a guide when the camera cannot be used. */
export const MEMBER_CODE_LENGTH = 12;
/** A member code is accepted for this long after it was issued; the member's page shows a new one before. */
export const MEMBER_CODE_TTL_MS = 60_000;
/** The member's page asks for the next code this long before the shown one expires. */
export const MEMBER_CODE_REFRESH_LEAD_MS = 10_000;

/** Display form: groups of four digits. */
export function formatMemberCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What a guide types or a scanner reads, reduced to digits (spaces and dashes ignored). */
export function normaliseMemberCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/**
 * Points for a purchase: whole points per whole yuan, rounded down (¥128.50 at 1 point per yuan is
 * 128 points). Integer arithmetic in fen, so no float ever decides a point.
 */
export function pointsForPurchase(amountFen: number, perYuan: number): number {
  return Math.floor((amountFen * perYuan) / 100);
}

/**
 * A guide's purchase points are flagged as an outlier when they exceed OUTLIER_FACTOR times the
 * median of the guides of the same store over the same days (guides without awards count as 0),
 * the store has at least OUTLIER_MIN_GUIDES guides to compare with, and the guide awarded at
 * least OUTLIER_MIN_POINTS (so a quiet store does not flag one small sale).
 */
export const OUTLIER_FACTOR = 3;
export const OUTLIER_MIN_GUIDES = 3;
export const OUTLIER_MIN_POINTS = 100;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function isOutlier(points: number, storeMedian: number, storeGuides: number): boolean {
  return storeGuides >= OUTLIER_MIN_GUIDES && points >= OUTLIER_MIN_POINTS && points > OUTLIER_FACTOR * storeMedian;
}

/** The outlier rule in words, shown beside the flags. */
export const OUTLIER_RULE_TEXT = `同店导购不少于 ${OUTLIER_MIN_GUIDES} 人时，积分超过本店导购中位数 ${OUTLIER_FACTOR} 倍且不少于 ${OUTLIER_MIN_POINTS} 分的导购标记为异常`;

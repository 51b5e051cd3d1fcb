/**
 * The figure a member's tier is measured on, counted inside the database over the last 12 months:
 * points earned (credits the rules or HQ gave, net of their reversals; redemptions and expiry do
 * not lower it), or purchases in store in fen (reversed awards left out).
 */
import type { EntryKind } from '@core/contracts/points';
import { TIER_WINDOW_DAYS, type TierBasis } from '@core/points/tiers';
import { groupRows, num } from '@server/db/aggregate';
import type { Condition, Database } from '@server/db/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Journal kinds that count as points earned (a `reverse` entry cancels one of them). */
export const EARNED_KINDS: readonly EntryKind[] = [
  'welcome',
  'referralJoined',
  'referralFirstRedeem',
  'referralFirstPurchase',
  'purchase',
  'adjust',
  'reverse',
];

export function windowStart(now: number): number {
  return now - TIER_WINDOW_DAYS * DAY_MS;
}

/** openid → the basis figure since `windowStart(now)`; `openid` narrows it to one member. */
export async function basisValues(
  db: Database,
  basis: TierBasis,
  now: number,
  openid?: string,
): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = _.aggregate;
  const since = windowStart(now);
  const [collection, match, key, field]: ['points_entries' | 'purchase_awards', Condition, string, string] =
    basis === 'points'
      ? [
          'points_entries',
          {
            createdAt: _.gte(since),
            kind: _.in([...EARNED_KINDS]),
            ...(openid !== undefined ? { openid } : {}),
          },
          '$openid',
          '$amount',
        ]
      : [
          'purchase_awards',
          {
            createdAt: _.gte(new Date(since)),
            reversedAt: _.exists(false),
            ...(openid !== undefined ? { memberOpenid: openid } : {}),
          },
          '$memberOpenid',
          '$amountFen',
        ];
  const rows = await groupRows(
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: key, v: $.sum(field) }),
  );
  const out = new Map<string, number>();
  for (const r of rows) if (typeof r._id === 'string') out.set(r._id, Math.max(0, num(r.v)));
  return out;
}

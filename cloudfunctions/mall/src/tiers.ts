import { AppError } from '@core/errors';
import { BASE_TIER_NAME, tierRank } from '@core/points/tiers';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import type { CustomerDoc } from '@server/data/users';
import type { Database } from '@server/db/types';
import type { ItemDoc } from './documents';
import { minTierOf } from './views';

/**
 * Why a member's tier does not reach a tier-only item, or null. Read with the item's configuration,
 * before the redemption's transaction: a tier changes hourly at most, so a member moved down while
 * their tap is in flight is redeeming as they were when they tapped.
 */
export async function tierShortfall(db: Database, item: ItemDoc, member: CustomerDoc): Promise<AppError | null> {
  if (item.minTier === undefined) return null;
  const { tiers } = await readTiers(db.collection('member_tiers').doc(TIERS_DOC_ID));
  const required = minTierOf(item, tiers);
  if (!required) return null;
  if (tierRank(member.tier?.id, tiers) >= tierRank(required.id, tiers)) return null;
  const mine = member.tier && tierRank(member.tier.id, tiers) > 0 ? member.tier.name : BASE_TIER_NAME;
  return new AppError('FAILED_PRECONDITION', `该商品仅限「${required.name}」及以上会员兑换，你当前是「${mine}」`, {
    reason: 'tier',
  });
}

import { Text, View } from '@tarojs/components';
import { BASE_TIER_NAME, formatTierAmount, TIER_BASIS_LABELS } from '@core/points/tiers';
import type { MyTier } from './api';

/** The member's tier and what the next one needs; nothing when HQ has defined no tiers. */
export function TierCard({ tier }: { tier: MyTier }) {
  if (tier.tier === null && tier.next === null) return null;
  const name = tier.tier?.name ?? BASE_TIER_NAME;
  let next = '已是最高等级';
  if (tier.next) {
    next =
      tier.next.needed > 0
        ? `再获得 ${formatTierAmount(tier.next.needed, tier.basis)}可升级为「${tier.next.name}」`
        : `已达到「${tier.next.name}」门槛，将在下次等级更新（每小时）后升级`;
  }
  return (
    <View className="card tier-card" data-testid="tier-card">
      <Text className="tier-card__name">会员等级：{name}</Text>
      <Text className="tier-card__next">{next}</Text>
      <Text className="tier-card__next">
        {TIER_BASIS_LABELS[tier.basis]}：{formatTierAmount(tier.value, tier.basis)}
      </Text>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BASE_TIER_NAME } from '@core/points/tiers';
import { Remote } from '@/components/remote';
import { ReminderOptIn } from '@/features/notify/reminder-opt-in';
import { fetchTiers } from '@/features/points/api';
import { useRemote } from '@/lib/use-remote';
import { fetchMyCustomers, type Customer } from './api';
import { formatDuration, formatWhen } from './format';
import { INSIGHT_ROUTES, withQuery } from './routes';
import { FilterChips, type Chip } from './filter-chips';
import { TagList } from './tag-list';
import './insight.scss';

const SEEN_FILTERS: Chip<number>[] = [
  { label: '全部', value: undefined },
  { label: '7天内来过', value: 7 },
  { label: '30天内来过', value: 30 },
];

/** The filter value for members below every tier. */
const BASE_TIER = 'base';

function CustomerItem({ c, now }: { c: Customer; now: number }) {
  return (
    <View
      className="insight-row"
      data-testid="customer-row"
      hoverClass="insight-row--active"
      onClick={() => void Taro.navigateTo({ url: withQuery(INSIGHT_ROUTES.timeline, { openid: c.openid }) })}
    >
      <View className="insight-row__avatar">{Array.from(c.name)[0]}</View>
      <View className="insight-row__main">
        <Text className="insight-row__title">{c.name}</Text>
        <Text className="insight-row__sub">
          {c.lastSeenAt !== undefined
            ? `${formatWhen(c.lastSeenAt, now)}来看过 · 共读 ${formatDuration(c.readSeconds)}`
            : '还没有打开过你的分享'}
        </Text>
        <TagList tags={c.tags} manual={c.manualTags} />
      </View>
      <Text className="insight-row__extra">{c.visits} 次</Text>
    </View>
  );
}

/** A guide's customers, most recently seen first, filterable by last seen, tier and tag (reading or manual). */
export function CustomersScreen() {
  const [tag, setTag] = useState<string | undefined>();
  const [days, setDays] = useState<number | undefined>();
  const [tier, setTier] = useState<string | undefined>();
  const list = useRemote(
    () =>
      fetchMyCustomers({
        ...(tag ? { tag } : {}),
        ...(days ? { seenWithinDays: days } : {}),
        ...(tier ? { tier } : {}),
      }),
    [tag, days, tier],
  );
  const tiers = useRemote(fetchTiers);
  const now = Date.now();
  // The tags of this guide's customers; kept on screen while the list is empty so a filter can be cleared.
  const tags = list.status === 'ready' ? list.data.tags : [];
  const tierChips = tiers.status === 'ready' && tiers.data.tiers.length > 0 ? tiers.data.tiers : null;
  return (
    <View className="page insight">
      {/* A new member or a customer who just read a share is the moment a guide wants to hear of. */}
      <ReminderOptIn kinds={['member', 'read']} />
      <FilterChips chips={SEEN_FILTERS} value={days} onChange={setDays} />
      {tierChips ? (
        <FilterChips
          testId="tier-chip"
          chips={[
            { label: '全部等级', value: undefined },
            { label: BASE_TIER_NAME, value: BASE_TIER },
            ...tierChips.map((t) => ({ label: t.name, value: t.id })),
          ]}
          value={tier}
          onChange={setTier}
        />
      ) : null}
      {tags.length > 0 || tag ? (
        <FilterChips
          testId="tag-chip"
          chips={[{ label: '全部标签', value: undefined }, ...tags.map((t) => ({ label: t, value: t }))]}
          value={tag}
          onChange={setTag}
        />
      ) : null}
      <Remote
        state={list}
        isEmpty={(found) => found.customers.length === 0}
        empty={{
          message: tag || days || tier ? '没有符合条件的会员' : '还没有会员',
          hint: '把今天的素材分享给顾客，他们打开后会出现在这里',
        }}
      >
        {(found) => (
          <View className="card">
            {found.customers.map((c) => (
              <CustomerItem key={c.openid} c={c} now={now} />
            ))}
          </View>
        )}
      </Remote>
      <View className="insight-link" onClick={() => void Taro.navigateTo({ url: INSIGHT_ROUTES.myFigures })}>
        我的数据和排名 ›
      </View>
    </View>
  );
}

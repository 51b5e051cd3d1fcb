import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchMyCustomers, type Customer } from './api';
import { formatDuration, formatWhen } from './format';
import { INSIGHT_ROUTES, withQuery } from './routes';
import { TagList } from './tag-list';
import './insight.scss';

const SEEN_FILTERS: { label: string; days?: number }[] = [
  { label: '全部' },
  { label: '7天内来过', days: 7 },
  { label: '30天内来过', days: 30 },
];

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
        <TagList tags={c.tags} />
      </View>
      <Text className="insight-row__extra">{c.visits} 次</Text>
    </View>
  );
}

/** A guide's customers, most recently seen first, filterable by interest tag and last seen. */
export function CustomersScreen() {
  const [tag, setTag] = useState<string | undefined>();
  const [days, setDays] = useState<number | undefined>();
  const list = useRemote(
    () => fetchMyCustomers({ ...(tag ? { tag } : {}), ...(days ? { seenWithinDays: days } : {}) }),
    [tag, days],
  );
  const now = Date.now();
  // The tags of this guide's customers; kept on screen while the list is empty so a filter can be cleared.
  const tags = list.status === 'ready' ? list.data.tags : [];
  return (
    <View className="page insight">
      <View className="insight-filters">
        {SEEN_FILTERS.map((f) => (
          <Text
            key={f.label}
            className={`insight-chip ${days === f.days ? 'insight-chip--on' : ''}`}
            onClick={() => setDays(f.days)}
          >
            {f.label}
          </Text>
        ))}
      </View>
      {tags.length > 0 || tag ? (
        <View className="insight-filters">
          <Text
            className={`insight-chip ${tag === undefined ? 'insight-chip--on' : ''}`}
            onClick={() => setTag(undefined)}
          >
            全部标签
          </Text>
          {tags.map((t) => (
            <Text
              key={t}
              data-testid="tag-chip"
              className={`insight-chip ${tag === t ? 'insight-chip--on' : ''}`}
              onClick={() => setTag(t)}
            >
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      <Remote
        state={list}
        isEmpty={(found) => found.customers.length === 0}
        empty={{
          message: tag || days ? '没有符合条件的会员' : '还没有会员',
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

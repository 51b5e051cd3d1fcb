import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { RoleTabBar } from '@/features/account/role-tab-bar';
import { MALL_ROUTES } from '@/features/mall/routes';
import { useAction } from '@/lib/use-action';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import {
  fetchBalance,
  fetchHistory,
  fetchMyTier,
  type Balance,
  type Entry,
  type HistoryPage,
  type MyTier,
} from './api';
import { formatDate, KIND_LABELS, lastValidDay, signed } from './format';
import { POINTS_ROUTES } from './routes';
import { TierCard } from './tier-card';
import './points.scss';

/** A member's points: balance, what expires next, and every entry of their journal. */
export function PointsScreen() {
  const data = useRemote(async () => {
    const [balance, history, tier] = await Promise.all([fetchBalance(), fetchHistory(), fetchMyTier()]);
    return { balance, history, tier };
  });
  // Back from the mall the balance may have changed; the reload also drops the older pages.
  useReloadOnReturn(data.reload);

  return (
    <View className="page points">
      <Remote state={data}>{(loaded) => <PointsBody {...loaded} />}</Remote>
      <RoleTabBar role="customer" current="home" />
    </View>
  );
}

function PointsBody({ balance, history, tier }: { balance: Balance; history: HistoryPage; tier: MyTier }) {
  const [older, setOlder] = useState<HistoryPage | null>(null);
  const more = useAction({ toast: true });
  const entries = [...history.entries, ...(older?.entries ?? [])];
  const hasMore = older ? older.hasMore : history.hasMore;
  const go = (url: string) => void Taro.navigateTo({ url });

  const loadMore = () =>
    more.run(async () => {
      const last = entries[entries.length - 1];
      if (!last) return;
      const page = await fetchHistory(last.seq);
      setOlder({ entries: [...(older?.entries ?? []), ...page.entries], hasMore: page.hasMore });
    });

  return (
    <>
      <View className="points__hero">
        <Text className="points__label">我的积分</Text>
        <Text className="points__balance" data-testid="points-balance">
          {balance.balance}
        </Text>
        {balance.expiring ? (
          <Text className="points__expiring">
            {balance.expiring.amount} 积分将于 {lastValidDay(balance.expiring.expiresAt)} 24:00 过期
          </Text>
        ) : null}
        <View className="points__links">
          <View className="points__link" onClick={() => go(POINTS_ROUTES.memberCode)} data-testid="member-code-link">
            会员码
          </View>
          <View className="points__link" onClick={() => go(MALL_ROUTES.mall)}>
            积分商城
          </View>
          <View className="points__link" onClick={() => go(MALL_ROUTES.coupons)}>
            我的券
          </View>
          <View className="points__link" onClick={() => go(POINTS_ROUTES.rules)} data-testid="rules-link">
            积分规则
          </View>
        </View>
      </View>
      <TierCard tier={tier} />
      <View className="section-title">积分明细</View>
      {entries.length === 0 ? (
        <StateView status="empty" message="还没有积分记录" hint="邀请好友成为会员即可获得积分，详见积分规则" />
      ) : (
        <View className="card">
          {entries.map((e) => (
            <EntryRow key={e.id} entry={e} />
          ))}
          {hasMore ? (
            <View className="points__more" onClick={() => void loadMore()}>
              {more.busy ? '加载中…' : '查看更早的记录'}
            </View>
          ) : null}
        </View>
      )}
    </>
  );
}

function EntryRow({ entry }: { entry: Entry }) {
  const title = KIND_LABELS[entry.kind];
  const sub = [entry.note, formatDate(entry.createdAt, true)].filter(Boolean).join(' · ');
  return (
    <View className="points__row" data-testid="points-entry">
      <View className="points__row-main">
        <View>
          <Text className="points__row-title">{title}</Text>
          {entry.capped ? <Text className="points__tag">已达上限</Text> : null}
        </View>
        <Text className="points__row-sub">{sub}</Text>
      </View>
      <Text className={`points__amount points__amount--${entry.amount >= 0 ? 'plus' : 'minus'}`}>
        {signed(entry.amount)}
      </Text>
    </View>
  );
}

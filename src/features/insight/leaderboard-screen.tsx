import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchLeaderboard, fetchScoreWeights } from './api';
import { useByRange } from './by-range-filters';
import { useStoreFilter } from './store-filter';
import { weightsText } from './weights-screen';
import './insight.scss';

/** Guides or stores ranked by score over the last 7 or 30 days, for the brand or one store. */
export function LeaderboardScreen() {
  const { by, range, chips } = useByRange();
  const { storeId, chips: storeChips } = useStoreFilter();
  const rows = useRemote(
    () => fetchLeaderboard(range.from, range.to, by, storeId),
    [range.from, range.to, by, storeId],
  );
  const weights = useRemote(fetchScoreWeights);
  return (
    <View className="page insight">
      {storeChips}
      {chips}
      <Remote state={rows} empty={{ message: '暂无数据' }}>
        {(leaders) => (
          <View className="card">
            {leaders.map((r) => (
              <View key={r.id} className="insight-row" data-testid="leader-row">
                <Text className="insight-row__rank">{r.rank}</Text>
                <View className="insight-row__main">
                  <Text className="insight-row__title">
                    {r.name}
                    {r.storeName ? ` · ${r.storeName}` : ''}
                  </Text>
                  <Text className="insight-row__sub">
                    复制 {r.copies} · 打开 {r.visits} · 新会员 {r.newMembers} · 核销 {r.redemptions}
                  </Text>
                </View>
                <Text className="insight-row__extra">{r.score} 分</Text>
              </View>
            ))}
          </View>
        )}
      </Remote>
      {weights.status === 'ready' ? <View className="insight-note">综合分 = {weightsText(weights.data)}</View> : null}
    </View>
  );
}

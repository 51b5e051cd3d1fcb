import { Text, View } from '@tarojs/components';
import { SCORE_WEIGHTS } from '@core/limits';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchLeaderboard } from './api';
import { useByRange } from './by-range-filters';
import './insight.scss';

/** Guides or stores ranked by score over the last 7 or 30 days. */
export function LeaderboardScreen() {
  const { by, range, chips } = useByRange();
  const rows = useRemote(() => fetchLeaderboard(range.from, range.to, by), [range.from, range.to, by]);
  return (
    <View className="page insight">
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
      <View className="insight-note">
        综合分 = 复制×{SCORE_WEIGHTS.copies} + 打开×{SCORE_WEIGHTS.visits} + 新会员×{SCORE_WEIGHTS.newMembers} + 核销×
        {SCORE_WEIGHTS.redemptions}
      </View>
    </View>
  );
}

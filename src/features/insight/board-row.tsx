import { Text, View } from '@tarojs/components';
import type { LeaderRow } from '@core/contracts/insight-reports';

/** One ranked row of a leaderboard (the brand's or a store's): rank, name, the four counts, score. */
export function BoardRow(props: { row: LeaderRow; title: string; testId: string }) {
  const r = props.row;
  return (
    <View className="insight-row" data-testid={props.testId}>
      <Text className="insight-row__rank">{r.rank}</Text>
      <View className="insight-row__main">
        <Text className="insight-row__title">{props.title}</Text>
        <Text className="insight-row__sub">
          复制 {r.copies} · 打开 {r.visits} · 新会员 {r.newMembers} · 核销 {r.redemptions}
        </Text>
      </View>
      <Text className="insight-row__extra">{r.score} 分</Text>
    </View>
  );
}

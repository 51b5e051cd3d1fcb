import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchLeaderboard, fetchMyFigures, fetchScoreWeights } from './api';
import { lastDaysRange } from './format';
import { BoardRow } from './board-row';
import { weightsText } from './weights-screen';
import './insight.scss';

async function fetchBoard() {
  const range = lastDaysRange(Date.now(), 7);
  const [mine, rows, weights] = await Promise.all([
    fetchMyFigures(),
    fetchLeaderboard(range.from, range.to, 'guide'),
    fetchScoreWeights(),
  ]);
  return { mine, rows, weights };
}

/**
 * A guide's board: their place in the brand and in their store, and their store's guides ranked over
 * the last 7 days. Other stores' guides never appear: only the guide's own place among them.
 */
export function StoreBoardScreen() {
  const board = useRemote(fetchBoard);
  return (
    <View className="page insight">
      <Remote state={board}>
        {({ mine, rows, weights }) => (
          <>
            <View className="card insight-rank" data-testid="brand-rank">
              <Text className="insight-rank__label">
                近7天品牌排名（{mine.from} 至 {mine.to}）
              </Text>
              <Text className="insight-rank__value">
                第 {mine.rank} 名 <Text className="insight-rank__of">/ 共 {mine.of} 位导购</Text>
              </Text>
              <Text className="insight-rank__label" data-testid="store-rank">
                本店第 {mine.storeRank} 名 / 共 {mine.storeOf} 位
              </Text>
            </View>
            <View className="section-title">本店排行</View>
            <View className="card">
              {rows.map((r) => (
                <BoardRow key={r.id} row={r} title={r.name} testId="store-board-row" />
              ))}
            </View>
            <View className="insight-note">名次为品牌内名次。综合分 = {weightsText(weights)}。分享本身不计积分。</View>
          </>
        )}
      </Remote>
    </View>
  );
}

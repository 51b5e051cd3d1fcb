import { View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchLeaderboard, fetchScoreWeights } from './api';
import { useByRange } from './by-range-filters';
import { useStoreFilter } from './store-filter';
import { BoardRow } from './board-row';
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
              <BoardRow
                key={r.id}
                row={r}
                title={`${r.name}${r.storeName ? ` · ${r.storeName}` : ''}`}
                testId="leader-row"
              />
            ))}
          </View>
        )}
      </Remote>
      {weights.status === 'ready' ? <View className="insight-note">综合分 = {weightsText(weights.data)}</View> : null}
    </View>
  );
}

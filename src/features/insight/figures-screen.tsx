import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchMyFigures, fetchScoreWeights, type MyFigures, type ScoreWeights } from './api';
import { formatDuration } from './format';
import { PosterPreview, posterButtonLabel, usePoster } from './poster-maker';
import { INSIGHT_ROUTES } from './routes';
import { fetchTargetProgress, TargetRowView, thisMonth, type Progress } from './target-row';
import { weightsText } from './weights-screen';
import './insight.scss';

const FIGURES: { key: 'copies' | 'visits' | 'newMembers' | 'redemptions'; label: string }[] = [
  { key: 'copies', label: '复制素材' },
  { key: 'visits', label: '分享被打开' },
  { key: 'newMembers', label: '新会员' },
  { key: 'redemptions', label: '核销券' },
];

/** A guide's own figures for the last 7 days, their rank, and a personal invitation poster. */
export function FiguresScreen() {
  const figures = useRemote(async () => {
    const [mine, weights, targets] = await Promise.all([
      fetchMyFigures(),
      fetchScoreWeights(),
      fetchTargetProgress(thisMonth()),
    ]);
    return { ...mine, weights, targets };
  });
  const poster = usePoster({});
  return (
    <View className="page insight">
      <Remote state={figures}>{(mine) => <FiguresBody {...mine} />}</Remote>
      <View className="section-title">我的邀请海报</View>
      <View className="card insight-poster">
        <Text className="insight-poster__name">你的名字、门店和小程序码，扫码的顾客会记在你名下</Text>
        <View className="insight-button" onClick={() => void poster.make()} data-testid="make-poster">
          {posterButtonLabel(poster)}
        </View>
        <PosterPreview {...poster} />
      </View>
    </View>
  );
}

function FiguresBody(props: MyFigures & { weights: ScoreWeights; targets: Progress }) {
  const { from, to, rank, of, storeRank, storeOf, figures, readSeconds, weights, targets } = props;
  return (
    <>
      <View className="card insight-rank" data-testid="my-rank">
        <Text className="insight-rank__label">
          近7天排名（{from} 至 {to}）
        </Text>
        <Text className="insight-rank__value">
          第 {rank} 名 <Text className="insight-rank__of">/ 共 {of} 位导购</Text>
        </Text>
        <Text
          className="insight-rank__label"
          data-testid="open-store-board"
          onClick={() => void Taro.navigateTo({ url: INSIGHT_ROUTES.storeBoard })}
        >
          本店第 {storeRank} 名 / 共 {storeOf} 位 · 查看本店排行 ›
        </Text>
      </View>
      <View className="insight-grid">
        {FIGURES.map((x) => (
          <View key={x.key} className="insight-stat" data-testid={`figure-${x.key}`}>
            <Text className="insight-stat__value">{figures[x.key]}</Text>
            <Text className="insight-stat__label">{x.label}</Text>
          </View>
        ))}
      </View>
      <View className="insight-note">
        顾客共阅读 {formatDuration(readSeconds)}。综合分 {figures.score} = {weightsText(weights)}。分享本身不计积分。
      </View>
      {targets.rows.length > 0 ? (
        <View className="card" data-testid="my-targets">
          <Text className="section-title">{targets.month} 目标进度</Text>
          {targets.rows.map((r) => (
            <TargetRowView key={`${r.scope}:${r.id}`} row={r} />
          ))}
        </View>
      ) : null}
    </>
  );
}

import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SCORE_WEIGHTS } from '@core/contracts/insight';
import { StateView } from '@/components/state-view';
import { userMessage } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { fetchMyFigures, fetchSharePoster, type Poster } from './api';
import { formatDuration } from './format';
import './insight.scss';

const FIGURES: { key: 'copies' | 'visits' | 'newMembers' | 'redemptions'; label: string }[] = [
  { key: 'copies', label: '复制素材' },
  { key: 'visits', label: '分享被打开' },
  { key: 'newMembers', label: '新会员' },
  { key: 'redemptions', label: '核销券' },
];

async function savePoster(url: string): Promise<void> {
  const { tempFilePath } = await Taro.downloadFile({ url });
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
}

/** A guide's own figures for the last 7 days, their rank, and a personal share poster. */
export function FiguresScreen() {
  const f = useRemote(fetchMyFigures);
  const [poster, setPoster] = useState<
    { status: 'idle' | 'loading' } | { status: 'ready'; poster: Poster } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });
  const makePoster = () => {
    setPoster({ status: 'loading' });
    fetchSharePoster().then(
      (p) => setPoster({ status: 'ready', poster: p }),
      (e: unknown) => setPoster({ status: 'error', message: userMessage(e) }),
    );
  };
  return (
    <View className="page insight">
      {f.status === 'loading' ? <StateView status="loading" /> : null}
      {f.status === 'error' ? <StateView status="error" message={f.message} onRetry={f.reload} /> : null}
      {f.status === 'ready' ? (
        <>
          <View className="card insight-rank" data-testid="my-rank">
            <Text className="insight-rank__label">
              近7天排名（{f.data.from} 至 {f.data.to}）
            </Text>
            <Text className="insight-rank__value">
              第 {f.data.rank} 名 <Text className="insight-rank__of">/ 共 {f.data.of} 位导购</Text>
            </Text>
          </View>
          <View className="insight-grid">
            {FIGURES.map((x) => (
              <View key={x.key} className="insight-stat" data-testid={`figure-${x.key}`}>
                <Text className="insight-stat__value">{f.data.figures[x.key]}</Text>
                <Text className="insight-stat__label">{x.label}</Text>
              </View>
            ))}
          </View>
          <View className="insight-note">
            顾客共阅读 {formatDuration(f.data.readSeconds)}。综合分 {f.data.figures.score} = 复制×{SCORE_WEIGHTS.copies}{' '}
            + 打开×{SCORE_WEIGHTS.visits} + 新会员×
            {SCORE_WEIGHTS.newMembers} + 核销×{SCORE_WEIGHTS.redemptions}。分享本身不计积分。
          </View>
        </>
      ) : null}
      <View className="section-title">我的分享海报</View>
      <View className="card insight-poster">
        {poster.status === 'idle' ? (
          <View className="insight-button" onClick={makePoster} data-testid="make-poster">
            生成我的小程序码
          </View>
        ) : null}
        {poster.status === 'loading' ? <StateView status="loading" message="生成中…" /> : null}
        {poster.status === 'error' ? <StateView status="error" message={poster.message} onRetry={makePoster} /> : null}
        {poster.status === 'ready' ? (
          <>
            <Image
              className="insight-poster__code"
              src={poster.poster.url}
              mode="aspectFit"
              data-testid="poster-code"
            />
            <Text className="insight-poster__name">{poster.poster.sharerName} 邀你逛山茶生活</Text>
            <View
              className="insight-button"
              onClick={() =>
                void savePoster(poster.poster.url).catch(() =>
                  Taro.showToast({ title: '保存失败，请长按图片保存', icon: 'none' }),
                )
              }
            >
              保存到相册
            </View>
          </>
        ) : null}
      </View>
    </View>
  );
}

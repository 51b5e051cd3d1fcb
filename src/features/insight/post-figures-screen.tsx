import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchPostFigures, fetchRecentPosts, type PostFigures } from './api';
import { ExportButton } from './export-button';
import { formatDuration } from './format';
import { INSIGHT_ROUTES, withQuery } from './routes';
import { useStoreFilter } from './store-filter';
import './insight.scss';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`;
const depth = (d: number | null) => (d === null ? '—' : `${Math.round(d * 100)}%`);

const FIGURES: { label: string; value: (f: PostFigures) => string | number; key: string }[] = [
  { key: 'opens', label: '打开', value: (f) => f.opens },
  { key: 'readers', label: '读者', value: (f) => f.readers },
  { key: 'avgSeconds', label: '平均阅读', value: (f) => formatDuration(f.avgSeconds) },
  { key: 'avgDepth', label: '平均读到', value: (f) => depth(f.avgDepth) },
  { key: 'copies', label: '导购复制', value: (f) => f.copies },
  { key: 'saves', label: '保存图片', value: (f) => f.saves },
  { key: 'joins', label: '因此入会', value: (f) => f.joins },
  { key: 'purchases', label: '读后到店消费', value: (f) => f.purchases },
];

/** HQ: the most recent posts with their figures, for the brand or one store; a row opens the post. */
export function RecentPostsScreen() {
  const { storeId, chips } = useStoreFilter();
  const rows = useRemote(() => fetchRecentPosts(storeId), [storeId]);
  return (
    <View className="page insight">
      {chips}
      <View className="insight-filters">
        <ExportButton input={{ report: 'posts', ...(storeId ? { storeId } : {}) }} />
      </View>
      <Remote state={rows} empty={{ message: '还没有发布的素材' }}>
        {(posts) => (
          <View className="card">
            {posts.map((p) => (
              <View
                key={p.postId}
                className="insight-row"
                data-testid="post-figures-row"
                onClick={() =>
                  void Taro.navigateTo({
                    url: withQuery(INSIGHT_ROUTES.postFigures, { id: p.postId, ...(storeId ? { storeId } : {}) }),
                  })
                }
              >
                <View className="insight-row__main">
                  <Text className="insight-row__title">{p.title}</Text>
                  <Text className="insight-row__sub">
                    打开 {p.opens} · 读者 {p.readers} · 均读 {formatDuration(p.avgSeconds)} · 复制 {p.copies} · 入会{' '}
                    {p.joins} · 消费 {p.purchases}
                  </Text>
                </View>
                <Text className="insight-row__extra">›</Text>
              </View>
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}

/** One post's figures (the route's `id`, and `storeId` when a store was picked). */
export function PostFiguresScreen() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const storeId = params.storeId || undefined;
  const figures = useRemote(() => fetchPostFigures(id, storeId), [id, storeId]);
  return (
    <View className="page insight">
      <Remote state={figures}>
        {(f) => (
          <>
            <View className="insight-head">
              <Text className="insight-head__name" data-testid="post-figures-title">
                {f.title}
              </Text>
              <Text className="insight-head__sub">{storeId ? '本门店数据' : '全品牌数据'}</Text>
            </View>
            <View className="insight-grid" data-testid="post-figures">
              {FIGURES.map((x) => (
                <View key={x.key} className="insight-stat" data-testid={`post-${x.key}`}>
                  <Text className="insight-stat__value">{x.value(f)}</Text>
                  <Text className="insight-stat__label">{x.label}</Text>
                </View>
              ))}
            </View>
            <View className="insight-note">
              读后到店消费：读者首次打开本素材后 7 天内获得的到店消费积分记录（已撤销的不计），共 {f.purchases} 笔、
              {yuan(f.purchaseFen)}。顾客阅读共 {formatDuration(f.readSeconds)}。
            </View>
          </>
        )}
      </Remote>
    </View>
  );
}

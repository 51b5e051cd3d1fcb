import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { StatCard } from '@/components/stat-card';
import { useRemote } from '@/lib/use-remote';
import { PostSpreadSection } from '@/features/insight/spread-tree';
import { fetchPost, fetchPostStats } from './api';
import { formatBytes, formatVariantProgress, formatWhen, percent } from './format';
import './post-stats.scss';

async function load(id: string) {
  const [post, stats] = await Promise.all([fetchPost(id), fetchPostStats(id)]);
  return { post, stats };
}

/** HQ console: how far one post got — guides reached, opened, copied, saved, per store — and how it spread. */
export function PostStatsView() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const data = useRemote(() => load(id), [id]);
  return (
    <View className="page post-stats">
      <Remote state={data}>{(loaded) => <StatsBody {...loaded} />}</Remote>
    </View>
  );
}

function StatsBody({ post, stats }: Awaited<ReturnType<typeof load>>) {
  return (
    <>
      <View className="post-stats__head">
        <Text className="post-stats__title">{post.title}</Text>
        <Text className="post-stats__sub">
          {post.publishedAt ? `发布于 ${formatWhen(post.publishedAt)}` : '尚未发布'}
        </Text>
      </View>
      <View className="post-stats__cards">
        <View className="post-stats__card">
          <StatCard label="覆盖导购" value={stats.reached} unit="人" />
        </View>
        <View className="post-stats__card">
          <StatCard label="已打开" value={stats.opened} unit="人" />
        </View>
        <View className="post-stats__card">
          <StatCard label="已复制" value={stats.copied} unit="人" />
        </View>
        <View className="post-stats__card">
          <StatCard label="已保存" value={stats.saved} unit="人" accent />
        </View>
      </View>
      <View className="post-stats__making" data-testid="variant-storage">
        {stats.variants ? <Text>{formatVariantProgress(stats.variants)}</Text> : null}
        <Text>
          变体图片占用 {formatBytes(stats.storage.postBytes)}（全部素材 {formatBytes(stats.storage.totalBytes)}）
        </Text>
      </View>
      <View className="section-title">各门店</View>
      <View className="card">
        <View className="post-stats__row post-stats__row--head">
          <Text className="post-stats__name">门店</Text>
          <Text>覆盖</Text>
          <Text>打开</Text>
          <Text>复制</Text>
          <Text>保存</Text>
        </View>
        {stats.stores.length === 0 ? <StateView status="empty" message="还没有门店" /> : null}
        {stats.stores.map((s) => (
          <View key={s.storeId} className="post-stats__row" data-testid="store-stats">
            <Text className="post-stats__name">{s.name}</Text>
            <Text>{s.reached}</Text>
            <Text>{s.opened}</Text>
            <Text>{s.copied}</Text>
            <Text>
              {s.saved}
              <Text className="post-stats__rate"> {percent(s.saved, s.reached)}</Text>
            </Text>
          </View>
        ))}
      </View>
      <PostSpreadSection
        postId={post.id}
        title="传播路径"
        emptyHint="导购或会员分享后，这里按层显示谁分享、谁打开、谁又转发和入会"
      />
    </>
  );
}

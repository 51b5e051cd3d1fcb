import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchFeed, type FeedPost } from './api';
import { formatWhen } from './format';
import { CONTENT_ROUTES, withId } from './routes';
import './feed-list.scss';

/** Today's posts for the guide's store (today first), for the guide home. */
export function FeedList() {
  const feed = useRemote(fetchFeed);
  return (
    <Remote state={feed} empty={{ message: '今天还没有素材', hint: '总部发布后会出现在这里' }}>
      {(posts) => <FeedGroups posts={posts} />}
    </Remote>
  );
}

function FeedGroups({ posts }: { posts: FeedPost[] }) {
  const today = posts.filter((p) => p.today);
  const earlier = posts.filter((p) => !p.today);
  return (
    <View className="feed-list">
      {today.length ? <FeedGroup title={`今日素材 · ${today.length} 条`} posts={today} /> : null}
      {earlier.length ? <FeedGroup title="往期素材" posts={earlier} /> : null}
    </View>
  );
}

function FeedGroup({ title, posts }: { title: string; posts: FeedPost[] }) {
  return (
    <>
      <View className="section-title">{title}</View>
      <View className="card">
        {posts.map((p) => (
          <View
            key={p.id}
            className="feed-list__item"
            hoverClass="feed-list__item--active"
            data-testid="feed-item"
            onClick={() => void Taro.navigateTo({ url: withId(CONTENT_ROUTES.guidePost, p.id) })}
          >
            {p.cover ? (
              <Image className="feed-list__cover" src={p.cover} mode="aspectFill" />
            ) : (
              <View className="feed-list__cover feed-list__cover--none">文</View>
            )}
            <View className="feed-list__main">
              <Text className="feed-list__title">{p.title}</Text>
              <Text className="feed-list__excerpt">{p.excerpt}</Text>
              <Text className="feed-list__meta">
                {formatWhen(p.publishedAt)} · {p.imageCount} 张图 ·{' '}
                {p.copied && p.saved ? '已完成' : p.copied ? '已复制' : p.opened ? '已打开' : '未打开'}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

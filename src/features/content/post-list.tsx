import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { toastFailure } from '@/lib/use-action';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { archivePost, fetchPostList, type PostStatus, type PostSummary } from './api';
import { formatVariantProgress, formatWhen, STATUS_LABELS } from './format';
import { CONTENT_ROUTES, withId } from './routes';
import './post-list.scss';

const TABS: (PostStatus | 'all')[] = ['all', 'draft', 'scheduled', 'published', 'archived'];

/** HQ console: posts by status, with edit, preview, stats and archive. */
export function PostList() {
  const [tab, setTab] = useState<PostStatus | 'all'>('all');
  const list = useRemote(() => fetchPostList(tab === 'all' ? undefined : tab), [tab]);
  useReloadOnReturn(list.reload);

  return (
    <View className="page post-list">
      <View className="post-list__tabs">
        {TABS.map((t) => (
          <View key={t} className={`post-list__tab${t === tab ? ' post-list__tab--on' : ''}`} onClick={() => setTab(t)}>
            {t === 'all' ? '全部' : STATUS_LABELS[t]}
          </View>
        ))}
      </View>
      <View
        className="post-list__new"
        onClick={() => void Taro.navigateTo({ url: CONTENT_ROUTES.postEdit })}
        data-testid="new-post"
      >
        + 新建朋友圈素材
      </View>
      <Remote state={list} empty={{ message: '这里还没有素材' }}>
        {(posts) => (
          <View className="card">
            {posts.map((p) => (
              <PostRow key={p.id} post={p} onChanged={list.reload} />
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}

function PostRow({ post, onChanged }: { post: PostSummary; onChanged: () => void }) {
  const go = (route: string) => void Taro.navigateTo({ url: withId(route, post.id) });
  const archive = async () => {
    const ok = await Taro.showModal({
      title: '归档这条素材？',
      content: '归档后导购将看不到它。',
      confirmText: '归档',
    });
    if (!ok.confirm) return;
    await archivePost(post.id).then(onChanged, toastFailure);
  };
  const editable = post.status === 'draft' || post.status === 'scheduled';
  const when =
    post.status === 'scheduled' && post.publishAt
      ? `定时 ${formatWhen(post.publishAt)}`
      : post.publishedAt
        ? `发布于 ${formatWhen(post.publishedAt)}`
        : `编辑于 ${formatWhen(post.updatedAt)}`;
  return (
    <View className="post-list__row" data-testid="post-row">
      <View className="post-list__main">
        <View className="post-list__title-row">
          <Text className="post-list__title">{post.title}</Text>
          <Text className={`post-list__status post-list__status--${post.status}`}>{STATUS_LABELS[post.status]}</Text>
        </View>
        <Text className="post-list__sub">
          {when} · {post.imageCount} 张图 · {post.storeIds.length ? `${post.storeIds.length} 家门店` : '全部门店'}
        </Text>
        {post.variants ? (
          <Text className="post-list__sub" data-testid="variant-progress">
            {formatVariantProgress(post.variants)}
          </Text>
        ) : null}
      </View>
      <View className="post-list__actions">
        {editable ? <Text onClick={() => go(CONTENT_ROUTES.postEdit)}>编辑</Text> : null}
        {post.status !== 'archived' ? <Text onClick={() => go(CONTENT_ROUTES.postPreview)}>预览</Text> : null}
        {post.status === 'published' || post.status === 'archived' ? (
          <Text onClick={() => go(CONTENT_ROUTES.postStats)}>数据</Text>
        ) : null}
        {post.status !== 'archived' ? (
          <Text className="post-list__danger" onClick={() => void archive()}>
            归档
          </Text>
        ) : null}
      </View>
    </View>
  );
}

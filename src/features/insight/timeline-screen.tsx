import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { useRemote } from '@/lib/use-remote';
import { fetchTimeline, type Timeline } from './api';
import { formatDuration, formatWhen } from './format';
import { TagList } from './tag-list';
import './insight.scss';

type Event = Timeline['events'][number];

function describe(e: Event): { title: string; sub: string } {
  switch (e.kind) {
    case 'visit':
      return {
        title: e.postTitle ? `阅读了《${e.postTitle}》` : '打开了小程序',
        sub: `${e.seconds > 0 ? `读了 ${formatDuration(e.seconds)}` : '刚打开'}${e.sharerName ? ` · 来自 ${e.sharerName} 的分享` : ''}`,
      };
    case 'redeem':
      return {
        title: `兑换了「${e.title}」`,
        sub: e.status === 'used' ? '已到店使用' : e.status === 'expired' ? '已过期' : '未使用',
      };
    case 'joined':
      return { title: '成为会员', sub: '' };
  }
}

/** One customer's story for their guide: what they read and for how long, what they redeemed. */
export function TimelineScreen() {
  const { params } = useRouter();
  const openid = params.openid ? decodeURIComponent(params.openid) : '';
  const timeline = useRemote(() => fetchTimeline(openid), [openid]);
  return (
    <View className="page insight">
      <Remote state={timeline}>{(loaded) => <TimelineBody {...loaded} />}</Remote>
    </View>
  );
}

function TimelineBody({ customer, events }: Timeline) {
  const now = Date.now();
  return (
    <>
      <View className="card insight-head">
        <Text className="insight-head__name">{customer.name}</Text>
        <Text className="insight-head__sub">{formatWhen(customer.joinedAt, now)} 成为会员</Text>
        <TagList tags={customer.tags} />
      </View>
      <View className="section-title">动态</View>
      <View className="card">
        {events.length === 0 ? <StateView status="empty" message="还没有动态" /> : null}
        {events.map((e, i) => {
          const d = describe(e);
          return (
            <View key={`${e.kind}-${e.at}-${i}`} className="insight-event" data-testid="timeline-event">
              <Text className="insight-event__when">{formatWhen(e.at, now)}</Text>
              <Text className="insight-event__title">{d.title}</Text>
              {d.sub ? <Text className="insight-event__sub">{d.sub}</Text> : null}
            </View>
          );
        })}
      </View>
    </>
  );
}

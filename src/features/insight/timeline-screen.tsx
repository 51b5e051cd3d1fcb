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

type Visit = Extract<Event, { kind: 'visit' }>;

/** "读到第 3 段（共 6 段），停留 2分钟" when the page said how far they got, else the time alone. */
export function readingLine({ depth, seconds }: Pick<Visit, 'depth' | 'seconds'>): string {
  if (depth) {
    const end = depth.paragraph >= depth.paragraphs ? '，已读完' : '';
    return `读到第 ${depth.paragraph} 段（共 ${depth.paragraphs} 段${end}），停留 ${formatDuration(seconds)}`;
  }
  return seconds > 0 ? `读了 ${formatDuration(seconds)}` : '刚打开';
}

function describe(e: Event): { title: string; sub: string } {
  switch (e.kind) {
    case 'visit':
      return {
        title: e.postTitle ? `阅读了《${e.postTitle}》` : '打开了小程序',
        sub: `${readingLine(e)}${e.sharerName ? ` · 来自 ${e.sharerName} 的分享` : ''}`,
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

/** One customer's story for their guide: what they read, how far and for how long, what they redeemed. */
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

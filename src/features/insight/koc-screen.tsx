import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchContentKocs, fetchKocList } from './api';
import { INSIGHT_ROUTES, withQuery } from './routes';
import './insight.scss';

type Tab = 'members' | 'content';
const TABS: [Tab, string][] = [
  ['members', '会员推荐'],
  ['content', '内容传播'],
];

/** HQ's KOCs two ways: members who brought the most members, and people whose shares of posts spread furthest. */
export function KocScreen() {
  const [tab, setTab] = useState<Tab>('members');
  return (
    <View className="page insight">
      <View className="insight-filters" role="tablist">
        {TABS.map(([key, label]) => (
          <View
            key={key}
            role="tab"
            aria-selected={tab === key}
            className={`insight-chip ${tab === key ? 'insight-chip--on' : ''}`}
            onClick={() => setTab(key)}
            data-testid={`koc-tab-${key}`}
          >
            {label}
          </View>
        ))}
      </View>
      {tab === 'members' ? <MemberKocs /> : <ContentKocs />}
    </View>
  );
}

/** Members who brought the most members (every hop), and what those members redeemed. */
function MemberKocs() {
  const rows = useRemote(fetchKocList);
  return (
    <Remote state={rows} empty={{ message: '还没有会员推荐过新会员' }}>
      {(kocs) => (
        <View className="card">
          {kocs.map((r, i) => (
            <View
              key={r.openid}
              className="insight-row"
              data-testid="koc-row"
              onClick={() => void Taro.navigateTo({ url: withQuery(INSIGHT_ROUTES.graph, { root: r.openid }) })}
            >
              <Text className="insight-row__rank">{i + 1}</Text>
              <View className="insight-row__main">
                <Text className="insight-row__title">{r.name}</Text>
                <Text className="insight-row__sub">
                  直接推荐 {r.direct} · 下游会员 {r.downstream} · 下游兑换 {r.downstreamRedemptions}
                  {r.guideName ? ` · 导购 ${r.guideName}` : ''}
                </Text>
              </View>
              <Text className="insight-row__extra">›</Text>
            </View>
          ))}
        </View>
      )}
    </Remote>
  );
}

/** Guides and members whose shares of posts brought the most opens, reshares and new members. */
function ContentKocs() {
  const rows = useRemote(fetchContentKocs);
  return (
    <Remote
      state={rows}
      loading="正在统计内容传播…"
      empty={{ message: '还没有人分享过内容', hint: '导购和会员分享素材后，这里按带来的打开和入会排名' }}
    >
      {(kocs) => (
        <>
          <View className="insight-note">按各自的分享带来的打开、转发和新会员排名；分享本身不计任何奖励。</View>
          <View className="card">
            {kocs.map((r, i) => (
              <View key={r.openid} className="insight-row" data-testid="content-koc-row">
                <Text className="insight-row__rank">{i + 1}</Text>
                <View className="insight-row__main">
                  <Text className="insight-row__title">
                    {r.name}
                    <Text className="insight-row__sub">{r.role === 'guide' ? ' · 导购' : ' · 会员'}</Text>
                  </Text>
                  <Text className="insight-row__sub">
                    分享 {r.shares} · 打开 {r.opens} · 被转发 {r.reshares} · 带来入会 {r.joins}
                    {r.guideName ? ` · 导购 ${r.guideName}` : ''}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </>
      )}
    </Remote>
  );
}

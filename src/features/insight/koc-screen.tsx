import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchKocList } from './api';
import { INSIGHT_ROUTES, withQuery } from './routes';
import './insight.scss';

/** Members who brought the most members (every hop), and what those members redeemed. */
export function KocScreen() {
  const rows = useRemote(fetchKocList);
  return (
    <View className="page insight">
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
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchWeeklyReport, fetchWeeklyReports, type WeeklyReport } from './api';
import { ExportButton } from './export-button';
import './insight.scss';

const FIGURE_NAMES = { newMembers: '新会员', postsShared: '发圈', purchasePoints: '消费积分' } as const;

/** HQ: the weekly reports the Monday timer made, newest first; one opens below the list. */
export function WeeklyScreen() {
  const list = useRemote(fetchWeeklyReports);
  const [open, setOpen] = useState<string>();
  return (
    <View className="page insight">
      <View className="insight-note">
        每周一 09:00 自动生成上周（周一至周日）的门店与导购数据、热门素材和目标落后名单。
      </View>
      <Remote state={list} empty={{ message: '还没有周报，下周一自动生成' }}>
        {(reports) => (
          <View className="card">
            {reports.map((r) => (
              <View
                key={r.id}
                className={`insight-row ${open === r.id ? 'insight-row--active' : ''}`}
                data-testid="weekly-row"
                onClick={() => setOpen(r.id)}
              >
                <View className="insight-row__main">
                  <Text className="insight-row__title">
                    {r.from} 至 {r.to}
                  </Text>
                </View>
                <Text className="insight-row__extra">›</Text>
              </View>
            ))}
          </View>
        )}
      </Remote>
      {open ? <WeeklyDetail id={open} /> : null}
    </View>
  );
}

function WeeklyDetail({ id }: { id: string }) {
  const report = useRemote(() => fetchWeeklyReport(id), [id]);
  return <Remote state={report}>{(r) => <WeeklyBody {...r} />}</Remote>;
}

function WeeklyBody(r: WeeklyReport) {
  return (
    <View data-testid="weekly-report">
      <View className="insight-filters">
        <Text className="section-title">
          周报 {r.from} 至 {r.to}
        </Text>
        <ExportButton input={{ report: 'weekly', id: r.id }} />
      </View>
      <View className="card">
        <Text className="section-title">门店排行</Text>
        {r.stores.map((s) => (
          <View key={s.id} className="insight-row">
            <Text className="insight-row__rank">{s.rank}</Text>
            <View className="insight-row__main">
              <Text className="insight-row__title">{s.name}</Text>
              <Text className="insight-row__sub">
                复制 {s.copies} · 打开 {s.visits} · 新会员 {s.newMembers} · 核销 {s.redemptions}
              </Text>
            </View>
            <Text className="insight-row__extra">{s.score} 分</Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="section-title">导购前十</Text>
        {r.guides.slice(0, 10).map((g) => (
          <View key={g.id} className="insight-row">
            <Text className="insight-row__rank">{g.rank}</Text>
            <View className="insight-row__main">
              <Text className="insight-row__title">
                {g.name}
                {g.storeName ? ` · ${g.storeName}` : ''}
              </Text>
            </View>
            <Text className="insight-row__extra">{g.score} 分</Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="section-title">热门素材</Text>
        {r.topPosts.map((p) => (
          <View key={p.postId} className="insight-row">
            <View className="insight-row__main">
              <Text className="insight-row__title">{p.title}</Text>
              <Text className="insight-row__sub">
                打开 {p.opens} · 读者 {p.readers} · 入会 {p.joins} · 读后消费 {p.purchases}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <View className="card" data-testid="weekly-behind">
        <Text className="section-title">目标落后</Text>
        {r.behind.length === 0 ? <View className="insight-note">没有落后于目标的门店或导购</View> : null}
        {r.behind.map((b) => (
          <View key={`${b.scope}:${b.id}`} className="insight-row">
            <View className="insight-row__main">
              <Text className="insight-row__title">
                {b.scope === 'store' ? '门店' : '导购'} · {b.name}
              </Text>
              <Text className="insight-row__sub">
                {(Object.keys(FIGURE_NAMES) as (keyof typeof FIGURE_NAMES)[])
                  .filter((k) => b[k] < 0)
                  .map((k) => `${FIGURE_NAMES[k]} ${b[k]}`)
                  .join(' · ')}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

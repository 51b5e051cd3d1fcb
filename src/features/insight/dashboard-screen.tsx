import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import Echarts from 'taro-react-echarts';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchDashboard, type Dashboard } from './api';
import { chartsApi } from './echarts';
import { ExportButton } from './export-button';
import { formatDuration, lastDaysRange } from './format';
import { NotSharedCard } from './not-shared-card';
import { INSIGHT_ROUTES } from './routes';
import { useStoreFilter } from './store-filter';
import './insight.scss';

const RANGES = [7, 30, 90] as const;

const TOTALS: { key: keyof Dashboard['totals']; label: string }[] = [
  { key: 'postsPublished', label: '发布素材' },
  { key: 'activeGuides', label: '活跃导购' },
  { key: 'copies', label: '复制次数' },
  { key: 'visits', label: '分享打开' },
  { key: 'newMembers', label: '新会员' },
  { key: 'redemptions', label: '兑换' },
  { key: 'pointsIssued', label: '发放积分' },
  { key: 'pointsSpent', label: '消耗积分' },
];

function trendOption(d: Dashboard) {
  const days = d.days.map((x) => x.day.slice(5));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['分享打开', '新会员', '复制', '兑换'] },
    grid: { left: 36, right: 12, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '分享打开', type: 'line', smooth: true, data: d.days.map((x) => x.visits) },
      { name: '新会员', type: 'bar', data: d.days.map((x) => x.newMembers) },
      { name: '复制', type: 'line', data: d.days.map((x) => x.copies) },
      { name: '兑换', type: 'bar', data: d.days.map((x) => x.redemptions) },
    ],
  };
}

function pointsOption(d: Dashboard) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['发放', '消耗'] },
    grid: { left: 44, right: 12, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: d.days.map((x) => x.day.slice(5)) },
    yAxis: { type: 'value' },
    series: [
      { name: '发放', type: 'bar', data: d.days.map((x) => x.pointsIssued) },
      { name: '消耗', type: 'bar', data: d.days.map((x) => x.pointsSpent) },
    ],
  };
}

/** HQ's dashboard, for the brand or one store: totals for a range, the daily trend, today's sharing. */
export function DashboardScreen() {
  const [days, setDays] = useState<(typeof RANGES)[number]>(7);
  const range = useMemo(() => lastDaysRange(Date.now(), days), [days]);
  const { storeId, storeName, chips } = useStoreFilter();
  const dash = useRemote(() => fetchDashboard(range.from, range.to, storeId), [range.from, range.to, storeId]);
  const store = storeId ? { storeId } : {};
  return (
    <View className="page insight">
      {chips}
      <View className="insight-filters">
        {RANGES.map((n) => (
          <Text key={n} className={`insight-chip ${days === n ? 'insight-chip--on' : ''}`} onClick={() => setDays(n)}>
            近{n}天
          </Text>
        ))}
        <ExportButton input={{ report: 'dashboard', from: range.from, to: range.to, ...store }} />
      </View>
      <Remote state={dash}>
        {(board) => (
          <>
            <View className="insight-grid" data-testid="dashboard-totals">
              {TOTALS.map((t) => (
                <View key={t.key} className="insight-stat" data-testid={`total-${t.key}`}>
                  <Text className="insight-stat__value">{board.totals[t.key]}</Text>
                  <Text className="insight-stat__label">{t.label}</Text>
                </View>
              ))}
            </View>
            <View className="insight-note">
              {storeName ?? '全部门店'} · {board.from} 至 {board.to} · 顾客阅读共{' '}
              {formatDuration(board.totals.readSeconds)} · 朋友圈单页匿名打开 {board.totals.anonymousVisits} 次
            </View>
            <View className="section-title">每日趋势</View>
            <View className="card chart-card" data-testid="trend-chart">
              <Echarts echarts={chartsApi} option={trendOption(board)} style={{ height: '260px' }} />
            </View>
            <View className="section-title">积分</View>
            <View className="card chart-card">
              <Echarts echarts={chartsApi} option={pointsOption(board)} style={{ height: '220px' }} />
            </View>
          </>
        )}
      </Remote>
      <NotSharedCard storeId={storeId} exportable />
      <View className="card">
        {[
          { label: '素材数据', url: INSIGHT_ROUTES.recentPosts },
          { label: '每周报告', url: INSIGHT_ROUTES.weekly },
          { label: '月度目标', url: INSIGHT_ROUTES.targets },
          { label: '排行权重', url: INSIGHT_ROUTES.weights },
          { label: '导购与门店排行', url: INSIGHT_ROUTES.leaderboard },
          { label: '推荐关系图', url: INSIGHT_ROUTES.graph },
          { label: 'KOC 名单', url: INSIGHT_ROUTES.koc },
          { label: '兴趣标签规则', url: INSIGHT_ROUTES.tagRules },
          { label: '导购离职交接', url: INSIGHT_ROUTES.transfer },
        ].map((l) => (
          <View key={l.url} className="insight-row" onClick={() => void Taro.navigateTo({ url: l.url })}>
            <View className="insight-row__main">
              <Text className="insight-row__title">{l.label}</Text>
            </View>
            <Text className="insight-row__extra">›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

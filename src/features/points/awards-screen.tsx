import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchAwards, fetchAwardsByGuide, reverseAward, type GuideAwards } from './api';
import { formatDate } from './format';
import './points.scss';

const DAY_MS = 24 * 3600_000;
const RANGES = [
  { days: 1, label: '今天' },
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
] as const;

const beijingDay = (ms: number) => formatDate(ms);
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * HQ: purchase points per guide over a range, outliers flagged against their store's median (the
 * rule is shown), and one guide's awards with a reversal for each.
 */
export function AwardsScreen() {
  const [days, setDays] = useState<number>(7);
  const [guide, setGuide] = useState<string | null>(null);
  const now = Date.now();
  const summary = useRemote(() => fetchAwardsByGuide(beijingDay(now - (days - 1) * DAY_MS), beijingDay(now)), [days]);
  return (
    <View className="page console-form">
      <View className="counter-tabs">
        {RANGES.map((r) => (
          <View
            key={r.days}
            className={`counter-tabs__tab ${days === r.days ? 'counter-tabs__tab--on' : ''}`}
            onClick={() => setDays(r.days)}
          >
            {r.label}
          </View>
        ))}
      </View>
      <Remote state={summary} isEmpty={(d) => d.guides.length === 0} empty={{ message: '还没有导购' }}>
        {(d) => <GuideTable data={d} selected={guide} onSelect={setGuide} />}
      </Remote>
      {guide ? <GuideAwardsList guideOpenid={guide} onChanged={summary.reload} /> : null}
    </View>
  );
}

function GuideTable(props: { data: GuideAwards; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <>
      <View className="console-form__hint" data-testid="outlier-rule">
        {props.data.rule}
      </View>
      <View className="card">
        {props.data.guides.map((g) => (
          <View
            key={g.guideOpenid}
            className="mall__item"
            onClick={() => props.onSelect(g.guideOpenid)}
            data-testid="guide-awards-row"
          >
            <View className="mall__main" style={{ marginLeft: 0 }}>
              <View>
                <Text className="mall__title">
                  {g.name} · {g.storeName ?? '—'}
                </Text>
                {g.outlier ? <Text className="award__flag">异常</Text> : null}
              </View>
              <Text className="mall__sub">
                {g.awards} 笔 · {yuan(g.amountFen)} · {g.points} 积分 · 本店中位数 {g.storeMedian}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

function GuideAwardsList({ guideOpenid, onChanged }: { guideOpenid: string; onChanged: () => void }) {
  const list = useRemote(() => fetchAwards(guideOpenid), [guideOpenid]);
  const [reason, setReason] = useState('顾客退货');
  const action = useAction({ toast: true });
  const reverse = (awardId: string) =>
    action.run(async () => {
      await reverseAward(awardId, reason);
      void Taro.showToast({ title: '已冲正', icon: 'success' });
      list.reload();
      onChanged();
    });
  return (
    <>
      <View className="section-title">发放记录</View>
      <View className="card">
        <View className="console-form__field">
          <Text className="console-form__label">冲正原因</Text>
          <Input value={reason} onChange={setReason} maxLength={100} data-testid="reverse-reason" />
        </View>
      </View>
      <Remote state={list} isEmpty={(d) => d.awards.length === 0} empty={{ message: '这段时间没有发放记录' }}>
        {(d) => (
          <View className="card">
            {d.awards.map((a) => (
              <View key={a.id} className="mall__item" data-testid="award-row">
                <View className="mall__main" style={{ marginLeft: 0 }}>
                  <Text className={`mall__title ${a.reversedAt ? 'award__reversed' : ''}`}>
                    {a.memberName ?? '—'} · {yuan(a.amountFen)} · +{a.points} 积分
                  </Text>
                  <Text className="mall__sub">
                    {formatDate(a.createdAt, true)}
                    {a.reversedAt ? ` · 已于 ${formatDate(a.reversedAt, true)} 冲正` : ''}
                  </Text>
                </View>
                {a.reversedAt ? null : (
                  <Button size="small" disabled={action.busy} onClick={() => void reverse(a.id)}>
                    冲正
                  </Button>
                )}
              </View>
            ))}
          </View>
        )}
      </Remote>
    </>
  );
}

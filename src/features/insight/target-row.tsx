import { Text, View } from '@tarojs/components';
import { callFunction, type CallOutput } from '@/lib/cloud';
import { beijingDay } from './format';
import './insight.scss';

export type Progress = CallOutput<'insight', 'targetProgress'>;
export type Row = Progress['rows'][number];
export type Key = 'newMembers' | 'postsShared' | 'purchasePoints';
export const KEYS: { key: Key; label: string }[] = [
  { key: 'newMembers', label: '新会员' },
  { key: 'postsShared', label: '发圈' },
  { key: 'purchasePoints', label: '消费积分' },
];

export const thisMonth = () => beijingDay(Date.now()).slice(0, 7);
export const fetchTargetProgress = (month: string) => callFunction('insight', 'targetProgress', { month });

/** One target's progress: actual / target per figure, and the deviation from the share due by now. */
export function TargetRowView({ row }: { row: Row }) {
  return (
    <View className="insight-row" data-testid="target-row">
      <View className="insight-row__main">
        <Text className="insight-row__title">
          {row.scope === 'store' ? '门店' : '导购'} · {row.name}
          {row.behind ? ' · 落后' : ''}
        </Text>
        <Text className="insight-row__sub">
          {KEYS.map(
            (k) =>
              `${k.label} ${row.actual[k.key]}/${row.target[k.key]}（${row.deviation[k.key] >= 0 ? '+' : ''}${row.deviation[k.key]}）`,
          ).join(' · ')}
        </Text>
      </View>
    </View>
  );
}

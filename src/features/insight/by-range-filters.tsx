import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { lastDaysRange } from './format';
import './insight.scss';

export type By = 'guide' | 'store';

/** Guides or stores, over the last 7 or 30 days: the state and the chips HQ's ranking screens share. */
export function useByRange() {
  const [by, setBy] = useState<By>('guide');
  const [days, setDays] = useState(7);
  const range = useMemo(() => lastDaysRange(Date.now(), days), [days]);
  const chips = (
    <View className="insight-filters">
      <Text className={`insight-chip ${by === 'guide' ? 'insight-chip--on' : ''}`} onClick={() => setBy('guide')}>
        导购
      </Text>
      <Text className={`insight-chip ${by === 'store' ? 'insight-chip--on' : ''}`} onClick={() => setBy('store')}>
        门店
      </Text>
      {[7, 30].map((n) => (
        <Text key={n} className={`insight-chip ${days === n ? 'insight-chip--on' : ''}`} onClick={() => setDays(n)}>
          近{n}天
        </Text>
      ))}
    </View>
  );
  return { by, range, chips };
}

import { View } from '@tarojs/components';

export type CounterMode = 'coupon' | 'points';

/** The guide's till page does two jobs: verify a coupon, or give points for a purchase. */
export function CounterTabs({ mode, onChange }: { mode: CounterMode; onChange: (mode: CounterMode) => void }) {
  const tab = (m: CounterMode, label: string) => (
    <View
      className={`counter-tabs__tab ${mode === m ? 'counter-tabs__tab--on' : ''}`}
      onClick={() => onChange(m)}
      data-testid={`counter-tab-${m}`}
    >
      {label}
    </View>
  );
  return (
    <View className="counter-tabs">
      {tab('coupon', '核销券')}
      {tab('points', '积分')}
    </View>
  );
}

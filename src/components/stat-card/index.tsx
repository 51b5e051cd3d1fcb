import { Text, View } from '@tarojs/components';
import { formatStatValue } from './format';
import type { StatCardProps } from './types';
import './index.scss';

// H5 build (and tests): a React twin of the native component. The weapp build resolves
// index.weapp.tsx, which renders the native <stat-card> from components/native/stat-card.
export function StatCard({ label, value, unit, hint, accent }: StatCardProps) {
  return (
    <View className={`stat-card${accent ? ' stat-card--accent' : ''}`}>
      <View className="stat-card__label">{label}</View>
      <View className="stat-card__value">
        <Text className="stat-card__number">{formatStatValue(value)}</Text>
        {unit ? <Text className="stat-card__unit">{unit}</Text> : null}
      </View>
      {hint ? <View className="stat-card__hint">{hint}</View> : null}
    </View>
  );
}

export type { StatCardProps };

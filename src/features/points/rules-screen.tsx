import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { useBrand } from '@/features/brand';
import { fetchRules } from './api';
import { formatDate } from './format';
import { rulesSections } from './rules-text';
import './points.scss';

/** The full points rules, open to everyone (platform rule: reward rules are stated in full). */
export function RulesScreen() {
  const rules = useRemote(fetchRules);
  const { pointsName } = useBrand();
  return (
    <View className="page rules">
      <Remote state={rules}>
        {(current) => (
          <View className="card" data-testid="rules">
            {rulesSections(current, pointsName).map((s) => (
              <View key={s.title} className="rules__section">
                <Text className="rules__title">{s.title}</Text>
                {s.lines.map((line) => (
                  <Text key={line} className="rules__line">
                    {line}
                  </Text>
                ))}
              </View>
            ))}
            <View className="rules__meta">
              规则版本 {current.version}
              {current.updatedAt ? `，更新于 ${formatDate(current.updatedAt)}` : ''}
              。规则调整只对调整后发生的行为生效。
            </View>
          </View>
        )}
      </Remote>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view';
import { useRemote } from '@/lib/use-remote';
import { fetchRules } from './api';
import { formatDate } from './format';
import { rulesSections } from './rules-text';
import './points.scss';

/** The full points rules, open to everyone (platform rule: reward rules are stated in full). */
export function RulesScreen() {
  const rules = useRemote(fetchRules);
  return (
    <View className="page rules">
      {rules.status === 'loading' ? <StateView status="loading" /> : null}
      {rules.status === 'error' ? <StateView status="error" message={rules.message} onRetry={rules.reload} /> : null}
      {rules.status === 'ready' ? (
        <View className="card" data-testid="rules">
          {rulesSections(rules.data).map((s) => (
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
            规则版本 {rules.data.version}
            {rules.data.updatedAt ? `，更新于 ${formatDate(rules.data.updatedAt)}` : ''}
            。规则调整只对调整后发生的行为生效。
          </View>
        </View>
      ) : null}
    </View>
  );
}

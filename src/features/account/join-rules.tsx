import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { fetchRules } from '@/features/points/api';
import { POINTS_ROUTES } from '@/features/points/routes';
import { rulesSummary } from '@/features/points/rules-text';
import { useRemote } from '@/lib/use-remote';
import { useBrand } from '@/features/brand';

/** The points rules in brief on the join page, from HQ's live rules, with the way to the full text. */
export function JoinRules() {
  const rules = useRemote(fetchRules);
  const { pointsName } = useBrand();
  return (
    <View className="card join__rules" data-testid="join-rules">
      <Text className="join__rules-title">{`会员${pointsName}规则摘要`}</Text>
      <Remote state={rules} loading="正在加载规则…" compact>
        {(current) =>
          rulesSummary(current, pointsName).map((line) => (
            <Text key={line} className="join__rules-line">
              · {line}
            </Text>
          ))
        }
      </Remote>
      <View className="join__rules-link" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.rules })}>
        {`查看完整${pointsName}规则 ›`}
      </View>
    </View>
  );
}

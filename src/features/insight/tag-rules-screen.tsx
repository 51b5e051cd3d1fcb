import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Input } from '@/components/nutui/input';
import { StateView } from '@/components/state-view';
import { userMessage } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { fetchTagRules, saveTagRules } from './api';
import './insight.scss';

interface Draft {
  tag: string;
  minutes: string;
}

/** HQ's interest-tag rules: tag a reader X after N minutes reading posts tagged X. */
export function TagRulesScreen() {
  const rules = useRemote(fetchTagRules);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  useEffect(() => {
    if (rules.status === 'ready')
      setDrafts(rules.data.map((r) => ({ tag: r.tag, minutes: String(Math.round(r.minSeconds / 6) / 10) })));
  }, [rules.status]);

  const save = async () => {
    try {
      const list = drafts
        .filter((d) => d.tag.trim())
        .map((d) => ({ tag: d.tag.trim(), minSeconds: Math.max(5, Math.round(Number(d.minutes) * 60) || 60) }));
      await saveTagRules(list);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      rules.reload();
    } catch (e) {
      void Taro.showToast({ title: userMessage(e), icon: 'none' });
    }
  };

  if (rules.status === 'loading') return <StateView status="loading" />;
  if (rules.status === 'error') return <StateView status="error" message={rules.message} onRetry={rules.reload} />;
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <View className="page insight">
      <View className="insight-note">
        顾客累计阅读带某标签的素材达到设定分钟数后，自动获得该标签，导购可按标签筛选会员。
      </View>
      <View className="card insight-form">
        {drafts.map((d, i) => (
          <View key={i} className="insight-filters">
            <Input
              value={d.tag}
              onChange={(v: string) => set(i, { tag: v })}
              placeholder="标签，如 母婴"
              maxLength={12}
            />
            <Input value={d.minutes} onChange={(v: string) => set(i, { minutes: v })} placeholder="分钟" type="digit" />
            <Text className="insight-chip" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
        ))}
        <View
          className="insight-button insight-button--plain"
          onClick={() => setDrafts([...drafts, { tag: '', minutes: '1' }])}
        >
          添加规则
        </View>
        <View className="insight-button" onClick={() => void save()}>
          保存
        </View>
      </View>
    </View>
  );
}

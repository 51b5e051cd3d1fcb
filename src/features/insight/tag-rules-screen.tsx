import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MAX_TAG_LENGTH } from '@core/limits';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchTagRules, saveTagRules } from './api';
import './insight.scss';

interface RuleDraft {
  tag: string;
  minutes: string;
}

type TagRule = Awaited<ReturnType<typeof fetchTagRules>>[number];

const toDraft = (rule: TagRule): RuleDraft => ({
  tag: rule.tag,
  minutes: String(Math.round(rule.minSeconds / 6) / 10),
});

/** HQ's interest-tag rules: tag a reader X after N minutes reading posts tagged X. */
export function TagRulesScreen() {
  const rules = useRemote(fetchTagRules);
  return (
    <View className="page insight">
      <View className="insight-note">
        顾客累计阅读带某标签的素材达到设定分钟数后，自动获得该标签，导购可按标签筛选会员。
      </View>
      {/* No rules yet is a form with nothing in it, not an empty state. */}
      <Remote state={rules} isEmpty={() => false}>
        {(saved) => <TagRulesForm saved={saved} onSaved={rules.reload} />}
      </Remote>
    </View>
  );
}

function TagRulesForm({ saved, onSaved }: { saved: TagRule[]; onSaved: () => void }) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => saved.map(toDraft));
  const patch = (index: number, change: Partial<RuleDraft>) =>
    setDrafts(drafts.map((draft, i) => (i === index ? { ...draft, ...change } : draft)));

  const saving = useAction({ toast: true });
  const save = () =>
    saving.run(async () => {
      const list = drafts
        .filter((d) => d.tag.trim())
        .map((d) => ({ tag: d.tag.trim(), minSeconds: Math.max(5, Math.round(Number(d.minutes) * 60) || 60) }));
      await saveTagRules(list);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });

  return (
    <View className="card insight-form">
      {drafts.length === 0 ? (
        <StateView status="empty" message="还没有标签规则" hint="点“添加规则”新建一条" compact />
      ) : null}
      {drafts.map((d, i) => (
        <View key={i} className="insight-filters">
          <Input
            value={d.tag}
            onChange={(v: string) => patch(i, { tag: v })}
            placeholder="标签，如 母婴"
            maxLength={MAX_TAG_LENGTH}
          />
          <Input value={d.minutes} onChange={(v: string) => patch(i, { minutes: v })} placeholder="分钟" type="digit" />
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
  );
}

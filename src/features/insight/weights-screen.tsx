import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchScoreWeights, saveScoreWeights, type ScoreWeights } from './api';
import './insight.scss';

export const WEIGHT_LABELS: { key: keyof ScoreWeights; label: string }[] = [
  { key: 'copies', label: '复制素材' },
  { key: 'visits', label: '分享被打开' },
  { key: 'newMembers', label: '新会员' },
  { key: 'redemptions', label: '核销券' },
];

/** The formula as guides read it: 复制×1 + 打开×1 + 新会员×10 + 核销×5. */
export function weightsText(w: ScoreWeights): string {
  return WEIGHT_LABELS.map((x) => `${x.label}×${w[x.key]}`).join(' + ');
}

/** HQ: how the leaderboard weighs each figure (whole numbers 0–100, at least one above 0). */
export function WeightsScreen() {
  const weights = useRemote(fetchScoreWeights);
  return (
    <View className="page insight">
      <View className="insight-note">综合分 = 各项数据 × 权重之和。导购在“我的数据”里看到同一公式。</View>
      <Remote state={weights}>{(w) => <WeightsForm saved={w} onSaved={weights.reload} />}</Remote>
    </View>
  );
}

function WeightsForm({ saved, onSaved }: { saved: ScoreWeights; onSaved: () => void }) {
  const [draft, setDraft] = useState(() => Object.fromEntries(WEIGHT_LABELS.map((x) => [x.key, String(saved[x.key])])));
  const saving = useAction({ toast: true });
  const save = () =>
    saving.run(async () => {
      const w = Object.fromEntries(WEIGHT_LABELS.map((x) => [x.key, Number(draft[x.key])])) as ScoreWeights;
      await saveScoreWeights(w);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  return (
    <View className="card insight-form">
      {WEIGHT_LABELS.map((x) => (
        <View key={x.key} className="insight-filters">
          <Text className="insight-form__label">{x.label}</Text>
          <Input
            value={draft[x.key] ?? ''}
            onChange={(v: string) => setDraft({ ...draft, [x.key]: v })}
            type="number"
            data-testid={`weight-${x.key}`}
          />
        </View>
      ))}
      <View className="insight-button" onClick={() => void save()} data-testid="save-weights">
        保存
      </View>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '@/lib/cloud';
import { fetchGuideList, fetchStoreList } from '@/features/account/api';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchTargetProgress, KEYS, TargetRowView, thisMonth, type Key, type Row } from './target-row';
import './insight.scss';

async function fetchTargetsPage(month: string) {
  const [progress, stores, guides] = await Promise.all([
    fetchTargetProgress(month),
    fetchStoreList(),
    fetchGuideList(),
  ]);
  return { progress, stores, guides: guides.filter((g) => g.active) };
}

/** HQ: monthly targets per store and guide, progress against plan and the deviation. */
export function TargetsScreen() {
  const [month] = useState(thisMonth);
  const page = useRemote(() => fetchTargetsPage(month), [month]);
  return (
    <View className="page insight">
      <Remote state={page}>
        {({ progress, stores, guides }) => (
          <>
            <View className="insight-note">
              {progress.month} · 已过 {Math.round(progress.elapsed * 100)}% · 偏差 = 实际 − 目标 × 已过比例，负数为落后
            </View>
            <View className="card" data-testid="target-progress">
              {progress.rows.length === 0 ? <View className="insight-note">本月还没有目标</View> : null}
              {progress.rows.map((r) => (
                <TargetRowView key={`${r.scope}:${r.id}`} row={r} />
              ))}
            </View>
            <TargetsForm
              month={progress.month}
              rows={progress.rows}
              entries={[
                ...stores.map((s) => ({ scope: 'store' as const, id: s.id, name: s.name })),
                ...guides.map((g) => ({ scope: 'guide' as const, id: g.openid, name: g.name })),
              ]}
              onSaved={page.reload}
            />
          </>
        )}
      </Remote>
    </View>
  );
}

interface Entry {
  scope: 'store' | 'guide';
  id: string;
  name: string;
}

function TargetsForm(props: { month: string; rows: Row[]; entries: Entry[]; onSaved: () => void }) {
  const keyOf = (e: { scope: string; id: string }) => `${e.scope}:${e.id}`;
  const [draft, setDraft] = useState<Record<string, Record<Key, string>>>(() => {
    const saved = new Map(props.rows.map((r) => [keyOf(r), r.target]));
    return Object.fromEntries(
      props.entries.map((e) => {
        const t = saved.get(keyOf(e));
        return [
          keyOf(e),
          Object.fromEntries(KEYS.map((k) => [k.key, t ? String(t[k.key]) : ''])) as Record<Key, string>,
        ];
      }),
    );
  });
  const saving = useAction({ toast: true });
  const save = () =>
    saving.run(async () => {
      const targets = props.entries
        .filter((e) => KEYS.some((k) => (draft[keyOf(e)]?.[k.key] ?? '') !== ''))
        .map((e) => ({
          scope: e.scope,
          id: e.id,
          target: Object.fromEntries(KEYS.map((k) => [k.key, Number(draft[keyOf(e)]?.[k.key] || 0)])) as Record<
            Key,
            number
          >,
        }));
      if (targets.length === 0) return;
      await callFunction('insight', 'setTargets', { month: props.month, targets });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      props.onSaved();
    });
  return (
    <View className="card insight-form" data-testid="targets-form">
      <Text className="section-title">设置 {props.month} 目标（新会员 / 发圈 / 消费积分）</Text>
      {props.entries.map((e) => (
        <View key={keyOf(e)}>
          <Text className="insight-form__label">
            {e.scope === 'store' ? '门店' : '导购'} · {e.name}
          </Text>
          <View className="insight-filters">
            {KEYS.map((k) => (
              <Input
                key={k.key}
                value={draft[keyOf(e)]?.[k.key] ?? ''}
                placeholder={k.label}
                type="number"
                onChange={(v: string) =>
                  setDraft({
                    ...draft,
                    [keyOf(e)]: {
                      ...(draft[keyOf(e)] ?? { newMembers: '', postsShared: '', purchasePoints: '' }),
                      [k.key]: v,
                    },
                  })
                }
              />
            ))}
          </View>
        </View>
      ))}
      <View className="insight-button" onClick={() => void save()} data-testid="save-targets">
        保存目标
      </View>
    </View>
  );
}

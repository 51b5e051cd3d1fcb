import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { MAX_TAG_LENGTH, MAX_TAG_LIST } from '@core/limits';
import { ChipInput } from '@/components/chip-input';
import { FormFooter } from '@/components/form-footer';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchManualTagList, saveManualTagList } from './api';
import '@/features/points/points.scss';

/**
 * HQ's list of manual customer tags: guides pick from it on a customer's page (and may still add
 * their own); every tag a customer carries is a filter on the guide's customer list.
 */
export function ManualTagsScreen() {
  const list = useRemote(fetchManualTagList);
  return (
    <View className="page console-form">
      <View className="console-form__hint">
        导购在会员详情页可从这份清单中一键打标签（也可自定义），会员列表可按标签筛选。阅读兴趣标签由「兴趣标签」规则自动生成，不在此列。
      </View>
      <Remote state={list} isEmpty={() => false}>
        {(saved) => <ManualTagsForm saved={saved.tags} onSaved={list.reload} />}
      </Remote>
    </View>
  );
}

function ManualTagsForm({ saved, onSaved }: { saved: string[]; onSaved: () => void }) {
  const [tags, setTags] = useState<string[]>(saved);
  const { busy, error, run } = useAction();
  const save = () =>
    run(async () => {
      await saveManualTagList(tags);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  return (
    <>
      <View className="card">
        <ChipInput
          values={tags}
          onChange={setTags}
          max={MAX_TAG_LIST}
          maxLength={MAX_TAG_LENGTH}
          placeholder="如 爱逛店、价格敏感"
          testIds={{ input: 'manual-tag-input', add: 'manual-tag-add', chip: 'manual-tag-chip' }}
        />
      </View>
      <FormFooter
        error={error}
        busy={busy}
        label="保存标签清单"
        onSubmit={() => void save()}
        testId="manual-tags-save"
      />
    </>
  );
}

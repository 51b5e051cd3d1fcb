import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { REMINDER_KINDS, type ReminderKind } from '@core/limits';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import {
  fetchReminderSettings,
  REMINDER_AUDIENCE,
  REMINDER_HINTS,
  REMINDER_KEYWORDS,
  REMINDER_NAMES,
  setReminderTemplates,
  type ReminderSettings,
} from './api';
import '@/features/points/points.scss';
import './notify.scss';

type Form = Record<ReminderKind, string>;

/**
 * HQ pastes the subscribe-message template ids from the mini-program admin (订阅消息 → 我的模板).
 * They live in the database, so a change applies at once without a deploy; a reminder without an
 * id is switched off and its button is not offered.
 */
export function TemplatesScreen() {
  const settings = useRemote(fetchReminderSettings);
  return (
    <View className="page console-form">
      <View className="console-form__hint">
        在小程序管理后台「订阅消息」中选用一次性订阅模板，把模板 ID
        粘贴到下面。留空即关闭该提醒，导购和会员将看不到订阅按钮。
      </View>
      <Remote state={settings} isEmpty={() => false}>
        {(saved) => <TemplatesForm saved={saved.templates} onSaved={settings.reload} />}
      </Remote>
    </View>
  );
}

function TemplatesForm({ saved, onSaved }: { saved: ReminderSettings['templates']; onSaved: () => void }) {
  const [form, setForm] = useState<Form>(
    () => Object.fromEntries(REMINDER_KINDS.map((k) => [k, saved[k] ?? ''])) as Form,
  );
  const { busy, error, run } = useAction();
  const save = () =>
    run(async () => {
      const templates: ReminderSettings['templates'] = {};
      for (const k of REMINDER_KINDS) if (form[k].trim()) templates[k] = form[k].trim();
      await setReminderTemplates(templates);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  return (
    <>
      {REMINDER_KINDS.map((k) => (
        <View key={k} className="card reminder-template" data-testid="reminder-template">
          <Text className="reminder-template__name">
            {REMINDER_NAMES[k]} · {REMINDER_AUDIENCE[k]}
          </Text>
          <Text className="reminder-template__hint">{REMINDER_HINTS[k]}</Text>
          <Text className="reminder-template__hint">模板关键词：{REMINDER_KEYWORDS[k]}</Text>
          <Input
            value={form[k]}
            placeholder="未设置（关闭）"
            maxLength={64}
            onChange={(v: string) => setForm({ ...form, [k]: v })}
            data-testid={`template-${k}`}
          />
        </View>
      ))}
      <FormFooter error={error} busy={busy} label="保存模板 ID" onSubmit={() => void save()} testId="templates-save" />
    </>
  );
}

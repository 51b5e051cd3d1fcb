import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReminderKind } from '@core/limits';
import { Button } from '@/components/nutui/button';
import { useAction } from '@/lib/use-action';
import {
  fetchReminderSettings,
  REMINDER_HINTS,
  REMINDER_NAMES,
  subscribeReminders,
  type ReminderSettings,
} from './api';
import { askSubscribe } from './subscribe';
import './notify.scss';

/**
 * Opt-in to one-time reminders at the moment they make sense (the guide's feed, a member's coupons).
 * Each acceptance in WeChat's dialog is one message; the button says how many are left. Kinds HQ
 * has not switched on are not offered; while the settings load, or when they fail, nothing is drawn
 * (a missing reminder button must not stand in the way of the screen it sits on).
 */
export function ReminderOptIn({ kinds }: { kinds: ReminderKind[] }) {
  const [settings, setSettings] = useState<ReminderSettings | null>(null);
  const action = useAction({ toast: true });
  useEffect(() => {
    fetchReminderSettings().then(setSettings, () => setSettings(null));
  }, []);
  if (!settings) return null;
  const offered = kinds.filter((k) => settings.templates[k]);
  if (offered.length === 0) return null;
  const left = offered.reduce((n, k) => n + settings.credits[k], 0);
  const names = offered.map((k) => REMINDER_NAMES[k]);

  const optIn = () =>
    action.run(async () => {
      const ids = offered.map((k) => settings.templates[k] ?? '');
      const accepted = await askSubscribe(ids, names);
      const chosen = offered.filter((k) => accepted.includes(settings.templates[k] ?? ''));
      if (chosen.length === 0) return;
      const { credits } = await subscribeReminders(chosen);
      setSettings({ ...settings, credits });
      void Taro.showToast({ title: '已开启提醒', icon: 'success' });
    });

  return (
    <View className="reminder-opt-in" data-testid="reminder-opt-in">
      <View className="reminder-opt-in__text">
        <Text className="reminder-opt-in__title">{names.join(' · ')}</Text>
        <Text className="reminder-opt-in__hint">
          {offered.map((k) => REMINDER_HINTS[k]).join('；')}
          {left > 0 ? `（还可提醒 ${left} 次）` : ''}
        </Text>
      </View>
      <Button size="small" type="primary" loading={action.busy} onClick={() => void optIn()}>
        {left > 0 ? '再订阅一次' : '开启提醒'}
      </Button>
    </View>
  );
}

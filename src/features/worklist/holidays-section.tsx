import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchHolidays, saveHolidays, type Holiday } from './api';
import '@/features/insight/insight.scss';
import '@/features/points/points.scss';
import './worklist.scss';

/**
 * HQ's holidays, under the script library: on each listed day the morning worklist greets every
 * guide's most valuable customers with the 节日问候 script.
 */
export function HolidaysSection() {
  const list = useRemote(fetchHolidays);
  return (
    <View className="worklist">
      <View className="section-title">节日</View>
      <Remote state={list} isEmpty={() => false} compact>
        {(saved) => <HolidaysForm saved={saved.holidays} onSaved={list.reload} />}
      </Remote>
    </View>
  );
}

function HolidaysForm({ saved, onSaved }: { saved: Holiday[]; onSaved: () => void }) {
  const [holidays, setHolidays] = useState<Holiday[]>(saved);
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();
  const add = () => {
    const d = day.trim();
    const n = name.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !n) return setError('请填写日期（如 2026-10-01）和节日名称');
    if (holidays.some((h) => h.day === d)) return setError('这一天已经设了节日');
    setError(null);
    setHolidays([...holidays, { day: d, name: n }].sort((a, b) => a.day.localeCompare(b.day)));
    setDay('');
    setName('');
  };
  const save = () =>
    run(async () => {
      await saveHolidays(holidays);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  return (
    <View className="card worklist-item" data-testid="holidays">
      <Text className="worklist-item__goal">
        节日当天早上，导购的名单会优先问候积分最多的会员，并附上「节日问候」话术。
      </Text>
      <View className="insight-filters">
        {holidays.map((h) => (
          <Text
            key={h.day}
            className="insight-chip"
            data-testid="holiday"
            onClick={() => setHolidays(holidays.filter((x) => x.day !== h.day))}
          >
            {h.day} {h.name} ×
          </Text>
        ))}
      </View>
      <View className="worklist-item__actions">
        <Input value={day} onChange={(v: string) => setDay(v)} placeholder="日期 2026-10-01" maxLength={10} />
        <Input value={name} onChange={(v: string) => setName(v)} placeholder="节日名称" maxLength={10} />
        <View className="worklist-btn" onClick={add} data-testid="holiday-add">
          添加
        </View>
      </View>
      <FormFooter error={error} busy={busy} label="保存节日" onSubmit={() => void save()} />
    </View>
  );
}

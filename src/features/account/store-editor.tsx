import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchStoreList, updateStore } from './api';
import '@/features/points/points.scss';

type Store = Awaited<ReturnType<typeof fetchStoreList>>[number];
type Fields = Record<'name' | 'city' | 'address', string>;

/** HQ: rename a store or correct its city and address (the console's store rows lead here). */
export function StoreEditor() {
  const { params } = useRouter();
  const storeId = params.id ?? '';
  const store = useRemote(async () => (await fetchStoreList()).find((s) => s.id === storeId) ?? null, [storeId]);
  return (
    <Remote state={store} isEmpty={(s) => s === null} empty={{ message: '门店不存在或已被移除' }}>
      {(found) => (found ? <StoreForm store={found} /> : null)}
    </Remote>
  );
}

const LABELS: readonly [keyof Fields, string, string][] = [
  ['name', '门店名称', '如：杭州湖滨店'],
  ['city', '城市', '选填，如：杭州'],
  ['address', '地址', '选填，如：湖滨路 28 号'],
];

function StoreForm({ store }: { store: Store }) {
  const [form, setForm] = useState<Fields>({ name: store.name, city: store.city ?? '', address: store.address ?? '' });
  const { busy, error, setError, run } = useAction();

  const save = () => {
    const name = form.name.trim();
    if (!name) return setError('请填写门店名称');
    // Only what changed is sent; an emptied city or address is cleared.
    const changed = (now: string, was: string | undefined) =>
      now.trim() === (was ?? '') ? undefined : now.trim() || null;
    const city = changed(form.city, store.city);
    const address = changed(form.address, store.address);
    const input = {
      storeId: store.id,
      ...(name !== store.name ? { name } : {}),
      ...(city !== undefined ? { city } : {}),
      ...(address !== undefined ? { address } : {}),
    };
    if (Object.keys(input).length === 1) return void Taro.navigateBack();
    void run(async () => {
      await updateStore(input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    });
  };

  return (
    <View className="page console-form">
      <View className="card">
        {LABELS.map(([key, label, placeholder]) => (
          <View key={key} className="console-form__field">
            <Text className="console-form__label">{label}</Text>
            <Input
              value={form[key]}
              placeholder={placeholder}
              onChange={(v) => setForm({ ...form, [key]: v })}
              data-testid={`store-${key}`}
            />
          </View>
        ))}
      </View>
      <FormFooter error={error} busy={busy} label="保存" onSubmit={save} testId="store-save" />
    </View>
  );
}

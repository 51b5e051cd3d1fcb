import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { FormFooter } from '@/components/form-footer';
import { TextFields } from '@/components/text-fields';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { createStore, fetchStoreList, updateStore } from './api';
import { LocationField, parseLocation, type LocationText } from './location-field';
import '@/features/points/points.scss';
import './stores.scss';

type Store = Awaited<ReturnType<typeof fetchStoreList>>[number];
type Fields = Record<'name' | 'city' | 'address', string>;

/**
 * HQ: create a store (no `id`) or edit one — rename it, correct its city and address, place it on
 * the map (the console's store list leads here).
 */
export function StoreEditor() {
  const { params } = useRouter();
  const storeId = params.id ?? '';
  const store = useRemote(
    async () => (storeId ? ((await fetchStoreList()).find((s) => s.id === storeId) ?? null) : undefined),
    [storeId],
  );
  return (
    <Remote state={store} isEmpty={(s) => s === null} empty={{ message: '门店不存在或已被移除' }}>
      {(found) => (found === null ? null : <StoreForm store={found} />)}
    </Remote>
  );
}

const LABELS: readonly [keyof Fields, string, string][] = [
  ['name', '门店名称', '如：杭州湖滨店'],
  ['city', '城市', '选填，如：杭州'],
  ['address', '地址', '选填，如：湖滨路 28 号'],
];

const asText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** `store` undefined: a new store. */
function StoreForm({ store }: { store: Store | undefined }) {
  const [form, setForm] = useState<Fields>({
    name: store?.name ?? '',
    city: store?.city ?? '',
    address: store?.address ?? '',
  });
  const [place, setPlace] = useState<LocationText>({
    lat: asText(store?.location?.lat),
    lng: asText(store?.location?.lng),
  });
  const { busy, error, setError, run } = useAction();

  const save = () => {
    const name = form.name.trim();
    if (!name) return setError('请填写门店名称');
    const location = parseLocation(place);
    if (location instanceof Error) return setError(location.message);
    if (!store) {
      return void run(async () => {
        await createStore({
          name,
          ...(form.city.trim() ? { city: form.city.trim() } : {}),
          ...(form.address.trim() ? { address: form.address.trim() } : {}),
          ...(location ? { location } : {}),
        });
        void Taro.showToast({ title: '已创建', icon: 'success' });
        void Taro.navigateBack();
      });
    }
    // Only what changed is sent; an emptied city, address or location is cleared.
    const changed = (now: string, was: string | undefined) =>
      now.trim() === (was ?? '') ? undefined : now.trim() || null;
    const city = changed(form.city, store.city);
    const address = changed(form.address, store.address);
    const moved = location?.lat !== store.location?.lat || location?.lng !== store.location?.lng ? { location } : {};
    const input = {
      storeId: store.id,
      ...(name !== store.name ? { name } : {}),
      ...(city !== undefined ? { city } : {}),
      ...(address !== undefined ? { address } : {}),
      ...moved,
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
        <TextFields fields={LABELS} form={form} onChange={setForm} testId="store" />
      </View>
      <View className="section-title">位置（附近门店推荐用）</View>
      <LocationField
        value={place}
        onChange={(value, address) => {
          setPlace(value);
          if (address && !form.address.trim()) setForm({ ...form, address });
        }}
      />
      <FormFooter error={error} busy={busy} label={store ? '保存' : '创建门店'} onSubmit={save} testId="store-save" />
    </View>
  );
}

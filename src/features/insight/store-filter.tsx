import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { fetchStoreList } from '@/features/account/api';
import { useRemote } from '@/lib/use-remote';
import './insight.scss';

/**
 * HQ's store filter: 全部门店 or one store, as chips. While the list loads (or fails) only 全部门店 is
 * offered, so the report itself never waits on it.
 */
export function useStoreFilter(initial?: string) {
  const [storeId, setStoreId] = useState<string | undefined>(initial);
  const stores = useRemote(fetchStoreList);
  const list = stores.status === 'ready' ? stores.data : [];
  const chip = (id: string | undefined, name: string) => (
    <Text
      key={id ?? 'all'}
      className={`insight-chip ${storeId === id ? 'insight-chip--on' : ''}`}
      data-testid="store-chip"
      onClick={() => setStoreId(id)}
    >
      {name}
    </Text>
  );
  const chips = (
    <View className="insight-filters" data-testid="store-filter">
      {chip(undefined, '全部门店')}
      {list.map((s) => chip(s.id, s.name))}
    </View>
  );
  const storeName = list.find((s) => s.id === storeId)?.name;
  return { storeId, storeName, chips };
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchNearestStores } from './api';
import { CITIES, formatDistance, type City } from './cities';

type Origin = { kind: 'device'; lat: number; lng: number } | { kind: 'city'; city: City } | { kind: 'refused' };

/** The device's position, or 'refused' when the visitor (or the browser) says no. */
async function locate(): Promise<Origin> {
  try {
    const at = await Taro.getLocation({ type: 'wgs84' });
    return { kind: 'device', lat: at.latitude, lng: at.longitude };
  } catch {
    return { kind: 'refused' };
  }
}

/**
 * A visitor who came without a share picks the store that will serve them: the three nearest to
 * where they are (with their permission), or to the city they pick when they keep their location
 * to themselves. Picking is optional; without a pick the member is served by the first store.
 */
export function NearestStores({ picked, onPick }: { picked: string | undefined; onPick: (storeId: string) => void }) {
  const [origin, setOrigin] = useState<Origin | null>(null);
  useEffect(() => {
    let live = true;
    void locate().then((o) => live && setOrigin(o));
    return () => {
      live = false;
    };
  }, []);
  const point = origin?.kind === 'device' ? origin : origin?.kind === 'city' ? origin.city : null;
  const stores = useRemote(
    async () => (point ? fetchNearestStores(point.lat, point.lng) : []),
    [point?.lat, point?.lng],
  );
  // The first answer picks the nearest, so a visitor who reads no further is still served nearby.
  useEffect(() => {
    if (stores.status === 'ready' && stores.data[0] && picked === undefined) onPick(stores.data[0].storeId);
  }, [stores]);

  if (origin === null) return <Text className="join__note">正在获取你的位置，为你推荐附近门店…</Text>;
  return (
    <View className="card join__stores" data-testid="nearest-stores">
      <Text className="join__rules-title">
        {origin.kind === 'city'
          ? `${origin.city.name}附近的门店`
          : origin.kind === 'device'
            ? '离你最近的门店'
            : '选择你所在的城市'}
      </Text>
      {origin.kind !== 'device' ? (
        <View className="join__cities">
          {CITIES.map((c) => (
            <Text
              key={c.name}
              className={`join__city${origin.kind === 'city' && origin.city.name === c.name ? ' join__city--on' : ''}`}
              onClick={() => setOrigin({ kind: 'city', city: c })}
            >
              {c.name}
            </Text>
          ))}
        </View>
      ) : null}
      {point ? (
        <Remote state={stores} compact empty={{ message: '附近还没有门店' }}>
          {(list) =>
            list.map((s) => (
              <View
                key={s.storeId}
                className={`join__store${picked === s.storeId ? ' join__store--on' : ''}`}
                data-testid="nearest-store"
                onClick={() => onPick(s.storeId)}
              >
                <Text className="join__store-name">{s.name}</Text>
                <Text className="join__store-distance">{formatDistance(s.distanceM)}</Text>
                <Text className="join__store-check">{picked === s.storeId ? '✓' : ''}</Text>
              </View>
            ))
          }
        </Remote>
      ) : null}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { CITIES } from './cities';

/** Typed coordinates as the form holds them (strings while HQ types). */
export interface LocationText {
  lat: string;
  lng: string;
}

/** The coordinates typed, or null for empty, or an error for a half-typed or out-of-range pair. */
export function parseLocation(v: LocationText): { lat: number; lng: number } | null | Error {
  const [lat, lng] = [v.lat.trim(), v.lng.trim()];
  if (!lat && !lng) return null;
  const pair = { lat: Number(lat), lng: Number(lng) };
  if (!lat || !lng || !Number.isFinite(pair.lat) || !Number.isFinite(pair.lng))
    return new Error('请同时填写纬度和经度（数字）');
  if (Math.abs(pair.lat) > 90 || Math.abs(pair.lng) > 180) return new Error('纬度在 -90~90，经度在 -180~180 之间');
  return pair;
}

/**
 * A store's place on the map. weapp: pick it on WeChat's map (chooseLocation, which also gives the
 * address); H5: tap a city to start from its centre, or type the coordinates.
 */
export function LocationField(props: {
  value: LocationText;
  onChange: (value: LocationText, address?: string) => void;
}) {
  const set = (lat: number, lng: number, address?: string) =>
    props.onChange({ lat: lat.toFixed(6).replace(/0+$/, ''), lng: lng.toFixed(6).replace(/0+$/, '') }, address);
  const chooseOnMap = async () => {
    try {
      const place = await Taro.chooseLocation({});
      set(place.latitude, place.longitude, place.address || undefined);
    } catch {
      // Closed the map, or location permission refused: the typed values stay.
    }
  };
  return (
    <View className="card">
      <View className="console-form__field">
        <Text className="console-form__label">纬度</Text>
        <Input
          value={props.value.lat}
          placeholder="如：30.2592"
          onChange={(lat) => props.onChange({ ...props.value, lat })}
          data-testid="store-lat"
        />
      </View>
      <View className="console-form__field">
        <Text className="console-form__label">经度</Text>
        <Input
          value={props.value.lng}
          placeholder="如：120.1636"
          onChange={(lng) => props.onChange({ ...props.value, lng })}
          data-testid="store-lng"
        />
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="console-form__field">
          <Button size="small" onClick={() => void chooseOnMap()}>
            在地图上选择
          </Button>
        </View>
      ) : (
        <View className="location-field__cities">
          <Text className="location-field__hint">按城市填入：</Text>
          {CITIES.map((c) => (
            <Text key={c.name} className="location-field__city" onClick={() => set(c.lat, c.lng)}>
              {c.name}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Shortcut {
  title: string;
  /** One short line under the title. */
  desc?: string;
  /** An absolute page path, e.g. /pages/mall/index. */
  url: string;
}

/** A grid of entries into a role's pages: how a home leads to everything that role can do. */
export function ShortcutGrid({ items }: { items: readonly Shortcut[] }) {
  return (
    <View className="card shortcut-grid">
      {items.map((item) => (
        <View
          key={item.url}
          className="shortcut-grid__item"
          data-testid="shortcut"
          onClick={() => void Taro.navigateTo({ url: item.url })}
        >
          <Text className="shortcut-grid__title">{item.title}</Text>
          {item.desc ? <Text className="shortcut-grid__desc">{item.desc}</Text> : null}
        </View>
      ))}
    </View>
  );
}

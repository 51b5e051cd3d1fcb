import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '@core/roles';
import { ROUTES, homeFor } from './routes';
import './role-tab-bar.scss';

export type TabKey = 'home' | 'me';

interface TabItem {
  key: TabKey;
  label: string;
  icon: string;
  url: string;
}

/** The native tabBar is one list for every user; the tabs here differ per role. */
export function tabsFor(role: Role): TabItem[] {
  const home: Record<Role, TabItem> = {
    hq: { key: 'home', label: '控制台', icon: '▦', url: homeFor('hq') },
    guide: { key: 'home', label: '今日', icon: '◉', url: homeFor('guide') },
    customer: { key: 'home', label: '首页', icon: '⌂', url: homeFor('customer') },
    visitor: { key: 'home', label: '加入', icon: '+', url: homeFor('visitor') },
  };
  return [home[role], { key: 'me', label: '我的', icon: '☺', url: ROUTES.me }];
}

export function RoleTabBar({ role, current }: { role: Role; current: TabKey }) {
  return (
    <View className="role-tab-bar" role="tablist">
      {tabsFor(role).map((tab) => (
        <View
          key={tab.key}
          role="tab"
          aria-selected={tab.key === current}
          className={`role-tab-bar__item${tab.key === current ? ' role-tab-bar__item--active' : ''}`}
          onClick={() => {
            // reLaunch, like switchTab: tabs are siblings, not a stack to go back through.
            if (tab.key !== current) void Taro.reLaunch({ url: tab.url });
          }}
        >
          <Text className="role-tab-bar__icon">{tab.icon}</Text>
          <Text className="role-tab-bar__label">{tab.label}</Text>
        </View>
      ))}
    </View>
  );
}

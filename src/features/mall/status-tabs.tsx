import { View } from '@tarojs/components';

/** The coupon-status tab bar shared by a member's coupons and HQ's redemption list. */
export function StatusTabs<T extends string>(props: {
  tabs: readonly T[];
  current: T;
  label: (tab: T) => string;
  onChange: (tab: T) => void;
}) {
  return (
    <View className="coupons__tabs" role="tablist">
      {props.tabs.map((t) => (
        <View
          key={t}
          role="tab"
          aria-selected={t === props.current}
          className={`coupons__tab${t === props.current ? ' coupons__tab--on' : ''}`}
          onClick={() => props.onChange(t)}
        >
          {props.label(t)}
        </View>
      ))}
    </View>
  );
}

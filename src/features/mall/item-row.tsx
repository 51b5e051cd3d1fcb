import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Item } from './api';
import { yuan } from './format';

/** A coupon's face value, or a gift's mark, at the head of a row or card. */
export function ItemBadge({ item }: { item: Pick<Item, 'kind' | 'amountFen'> }) {
  return item.kind === 'coupon' && item.amountFen !== undefined ? (
    <View className="mall__badge">
      {yuan(item.amountFen)}
      <Text className="mall__badge-sub">优惠券</Text>
    </View>
  ) : (
    <View className="mall__badge mall__badge--gift">
      礼品
      <Text className="mall__badge-sub">到店领取</Text>
    </View>
  );
}

/** One catalog item in a list: badge, title, the lines a page wants under it; tap to open `url`. */
export function ItemRow(props: {
  item: Pick<Item, 'kind' | 'amountFen' | 'title'>;
  url: string;
  testId: string;
  /** Lines under the title. */
  children: ReactNode;
  /** Drawn at the end of the row. */
  aside?: ReactNode;
}) {
  return (
    <View className="mall__item" data-testid={props.testId} onClick={() => void Taro.navigateTo({ url: props.url })}>
      <ItemBadge item={props.item} />
      <View className="mall__main">
        <Text className="mall__title">{props.item.title}</Text>
        {props.children}
      </View>
      {props.aside}
    </View>
  );
}

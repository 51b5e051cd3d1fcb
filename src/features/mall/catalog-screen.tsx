import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import { Remote } from '@/components/remote';
import { POINTS_ROUTES } from '@/features/points/routes';
import { useRemote } from '@/lib/use-remote';
import { fetchCatalog } from './api';
import { couponRule, priceText, STATE_LABELS } from './format';
import { ItemBadge } from './mall-screen';
import { MALL_ROUTES, withId } from './routes';
import './mall.scss';

/** HQ: every catalog item with stock and state; tap to edit, or add one. */
export function CatalogScreen() {
  const items = useRemote(fetchCatalog);
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) first.current = false;
    else items.reload();
  });
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className="page mall">
      <View className="mall__points">
        <Text className="mall__link" onClick={() => go(MALL_ROUTES.edit)} data-testid="new-item">
          + 新增商品
        </Text>
        <Text className="mall__link" onClick={() => go(MALL_ROUTES.redemptions)}>
          兑换与核销记录 ›
        </Text>
      </View>
      <View className="mall__points">
        <Text className="mall__link" onClick={() => go(POINTS_ROUTES.rulesEditor)}>
          积分规则 ›
        </Text>
        <Text className="mall__link" onClick={() => go(POINTS_ROUTES.journal)}>
          积分流水与调整 ›
        </Text>
      </View>
      <Remote state={items} empty={{ message: '还没有商品', hint: '新增优惠券或礼品后，会员即可用积分兑换' }}>
        {(catalog) => (
          <View className="card">
            {catalog.map((item) => (
              <View
                key={item.id}
                className="mall__item"
                data-testid="catalog-item"
                onClick={() => go(withId(MALL_ROUTES.edit, item.id))}
              >
                <ItemBadge item={item} />
                <View className="mall__main">
                  <Text className="mall__title">{item.title}</Text>
                  <Text className="mall__sub">
                    {couponRule(item.amountFen, item.thresholdFen)} · {priceText(item.pointsPrice)}
                  </Text>
                  <Text className="mall__sub">
                    库存 {item.stock} · 已兑 {item.issued} · 剩余 {item.remaining} · 每人限 {item.perUserLimit}
                  </Text>
                </View>
                <Text className="mall__state">{STATE_LABELS[item.state]}</Text>
              </View>
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { POINTS_ROUTES } from '@/features/points/routes';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { fetchCatalog } from './api';
import { couponRule, priceText, STATE_LABELS } from './format';
import { ItemRow } from './item-row';
import { MALL_ROUTES, withId } from './routes';
import './mall.scss';

/** HQ: every catalog item with stock and state; tap to edit, or add one. */
export function CatalogScreen() {
  const items = useRemote(fetchCatalog);
  useReloadOnReturn(items.reload);
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
              <ItemRow
                key={item.id}
                item={item}
                url={withId(MALL_ROUTES.edit, item.id)}
                testId="catalog-item"
                aside={<Text className="mall__state">{STATE_LABELS[item.state]}</Text>}
              >
                <Text className="mall__sub">
                  {couponRule(item.amountFen, item.thresholdFen)} · {priceText(item.pointsPrice)}
                </Text>
                <Text className="mall__sub">
                  库存 {item.stock} · 已兑 {item.issued} · 剩余 {item.remaining} · 每人限 {item.perUserLimit}
                </Text>
              </ItemRow>
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}

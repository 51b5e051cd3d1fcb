import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { fetchBalance } from '@/features/points/api';
import { POINTS_ROUTES } from '@/features/points/routes';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { fetchItemList, type Item } from './api';
import { couponRule, priceText, STATE_LABELS } from './format';
import { ItemRow } from './item-row';
import { MALL_ROUTES, withId } from './routes';
import './mall.scss';

/** The points mall: what a member can redeem, with their balance at the top. */
export function MallScreen() {
  const data = useRemote(async () => {
    const [items, balance] = await Promise.all([fetchItemList(), fetchBalance()]);
    return { items, balance: balance.balance };
  });
  useReloadOnReturn(data.reload);

  return (
    <View className="page mall">
      <Remote state={data}>
        {({ items, balance }) => (
          <>
            <View className="mall__points">
              <Text>
                我的积分 <Text data-testid="mall-balance">{balance}</Text>
              </Text>
              <Text className="mall__link" onClick={() => void Taro.navigateTo({ url: MALL_ROUTES.coupons })}>
                我的券 ›
              </Text>
            </View>
            {items.length === 0 ? (
              <StateView status="empty" message="商城暂时没有可兑换的商品" hint="总部上新后会出现在这里" />
            ) : (
              <View className="card">
                {items.map((item) => (
                  <MallRow key={item.id} item={item} />
                ))}
              </View>
            )}
            <View className="mall__note" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.rules })}>
              积分如何获得？查看完整积分规则 ›
            </View>
          </>
        )}
      </Remote>
    </View>
  );
}

function MallRow({ item }: { item: Item }) {
  return (
    <ItemRow item={item} url={withId(MALL_ROUTES.item, item.id)} testId="mall-item">
      <Text className="mall__sub">
        {couponRule(item.amountFen, item.thresholdFen)} · 剩余 {item.remaining}
      </Text>
      <View>
        <Text className="mall__price">{priceText(item.pointsPrice)}</Text>
        {item.state !== 'on' ? <Text className="mall__state">{STATE_LABELS[item.state]}</Text> : null}
      </View>
    </ItemRow>
  );
}

import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@/components/nutui/button';
import { Remote } from '@/components/remote';
import { fetchBalance } from '@/features/points/api';
import { formatDate, newRequestId } from '@/features/points/format';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchItem, redeemItem, type ItemDetail } from './api';
import { ItemBadge } from './item-row';
import { couponRule, priceText, STATE_LABELS } from './format';
import { MALL_ROUTES } from './routes';
import './mall.scss';
import { Alert } from '@/components/alert';

/** One item: what it is, what it costs, and the redeem button (with a confirmation). */
export function ItemScreen() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const data = useRemote(async () => {
    const [detail, balance] = await Promise.all([fetchItem(id), fetchBalance()]);
    return { ...detail, balance: balance.balance };
  }, [id]);
  const { busy, error, setError, run } = useAction();
  // One id per intent to redeem: a double tap or a retried request yields the same coupon.
  const [requestId, setRequestId] = useState(newRequestId);

  const redeem = async (item: ItemDetail['item']) => {
    setError(null);
    const ok = await Taro.showModal({
      title: '确认兑换',
      content: item.pointsPrice > 0 ? `将使用 ${item.pointsPrice} 积分兑换“${item.title}”` : `免费领取“${item.title}”`,
      confirmText: '兑换',
    });
    if (!ok.confirm) return;
    await run(async () => {
      // A refusal (sold out, balance changed) is shown beside the item as it is now.
      await redeemItem(item.id, requestId).catch((e: unknown) => {
        data.reload();
        throw e;
      });
      setRequestId(newRequestId());
      void Taro.showToast({ title: '兑换成功', icon: 'success' });
      void Taro.redirectTo({ url: MALL_ROUTES.coupons });
    });
  };

  return (
    <Remote state={data}>
      {(loaded) => <ItemBody {...loaded} busy={busy} error={error} onRedeem={() => void redeem(loaded.item)} />}
    </Remote>
  );
}

function ItemBody({
  item,
  claimed,
  tierMet,
  balance,
  busy,
  error,
  onRedeem,
}: ItemDetail & { balance: number; busy: boolean; error: string | null; onRedeem: () => void }) {
  const short = item.pointsPrice > balance;
  const limitReached = claimed >= item.perUserLimit;
  const blocked =
    item.state !== 'on'
      ? STATE_LABELS[item.state]
      : tierMet === false && item.minTier
        ? `仅限${item.minTier.name}及以上会员`
        : limitReached
          ? '已达兑换上限'
          : short
            ? '积分不足'
            : null;

  return (
    <View className="page mall">
      <View className="card">
        <View className="mall__item">
          <ItemBadge item={item} />
          <View className="mall__main">
            <Text className="mall__detail-title">{item.title}</Text>
            <Text className="mall__price">{priceText(item.pointsPrice)}</Text>
          </View>
        </View>
        <View className="mall__detail">
          <Text className="mall__detail-line">{couponRule(item.amountFen, item.thresholdFen)}</Text>
          {item.description ? <Text className="mall__detail-line">{item.description}</Text> : null}
          <Text className="mall__detail-line">兑换后 {item.validDays} 天内有效，到店出示券码由导购核销。</Text>
          <Text className="mall__detail-line">
            每人限兑 {item.perUserLimit} 次（已兑 {claimed} 次），剩余 {item.remaining} 份。
          </Text>
          {item.minTier ? (
            <Text className="mall__detail-line" data-testid="item-min-tier">
              会员等级「{item.minTier.name}」及以上专享
            </Text>
          ) : null}
          {item.endsAt ? <Text className="mall__detail-line">兑换截止 {formatDate(item.endsAt, true)}</Text> : null}
          <Text className="mall__detail-line">我的积分：{balance}</Text>
        </View>
      </View>
      <Alert message={error} className="mall__error" />
      <View className="mall__actions">
        <Button
          type="primary"
          block
          loading={busy}
          disabled={busy || blocked !== null}
          onClick={onRedeem}
          data-testid="redeem-button"
        >
          {blocked ?? (item.pointsPrice > 0 ? `使用 ${item.pointsPrice} 积分兑换` : '免费领取')}
        </Button>
        <Text className="mall__note">兑换成功后积分即时扣除，券可在“我的券”查看。</Text>
      </View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CouponStatus } from '@core/contracts/mall';
import { Remote } from '@/components/remote';
import { ReminderOptIn } from '@/features/notify/reminder-opt-in';
import { formatDate } from '@/features/points/format';
import { useRemote } from '@/lib/use-remote';
import { fetchCouponList, type Coupon } from './api';
import { CouponQr } from './coupon-qr';
import { COUPON_STATUS_LABELS, couponRule, groupCode } from './format';
import { ItemBadge } from './item-row';
import { StatusTabs } from './status-tabs';
import './mall.scss';

const TABS: CouponStatus[] = ['unused', 'used', 'expired'];

/** My coupons by status; an unused one shows its QR and code for the store to verify. */
export function CouponsScreen() {
  const [tab, setTab] = useState<CouponStatus>('unused');
  const list = useRemote(() => fetchCouponList(tab), [tab]);
  return (
    <View className="page coupons">
      <StatusTabs tabs={TABS} current={tab} label={(t) => COUPON_STATUS_LABELS[t]} onChange={setTab} />
      {tab === 'unused' ? <ReminderOptIn kinds={['coupon']} /> : null}
      <Remote
        state={list}
        empty={{
          message: `没有${COUPON_STATUS_LABELS[tab]}的券`,
          hint: tab === 'unused' ? '去积分商城兑换吧' : undefined,
        }}
      >
        {(coupons) => coupons.map((c) => <CouponCard key={c.id} coupon={c} />)}
      </Remote>
    </View>
  );
}

function CouponCard({ coupon }: { coupon: Coupon }) {
  const usable = coupon.status === 'unused';
  return (
    <View className={`coupons__card${usable ? '' : ' coupons__card--off'}`} data-testid="coupon-card">
      <View className="coupons__head">
        <ItemBadge item={coupon} />
        <View className="mall__main">
          <Text className="mall__title">{coupon.title}</Text>
          <Text className="mall__sub">{couponRule(coupon.amountFen, coupon.thresholdFen)}</Text>
          <Text className="mall__sub">
            {coupon.status === 'used' && coupon.usedAt
              ? `已于 ${formatDate(coupon.usedAt, true)} 在${coupon.storeName ?? '门店'}使用`
              : coupon.status === 'expired'
                ? `已于 ${formatDate(coupon.expiresAt, true)} 过期`
                : `有效期至 ${formatDate(coupon.expiresAt, true)}`}
          </Text>
        </View>
      </View>
      {usable ? (
        <View className="coupons__qr">
          <CouponQr code={coupon.code} size={180} />
          <Text className="coupons__code" data-testid="coupon-code">
            {groupCode(coupon.code)}
          </Text>
          <Text className="coupons__hint">到店出示此码，由导购扫码核销</Text>
        </View>
      ) : null}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CouponStatus } from '@core/contracts/mall';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { formatDate } from '@/features/points/format';
import { useRemote } from '@/lib/use-remote';
import { fetchRedemptions } from './api';
import { COUPON_STATUS_LABELS, couponRule } from './format';
import { StatusTabs } from './status-tabs';
import './mall.scss';

const TABS: (CouponStatus | 'all')[] = ['all', 'unused', 'used', 'expired'];

/** HQ: every redemption (issued coupon) and its verification: who, which store, when. */
export function RedemptionsScreen() {
  const [tab, setTab] = useState<CouponStatus | 'all'>('all');
  const page = useRemote(() => fetchRedemptions(tab === 'all' ? {} : { status: tab }), [tab]);
  return (
    <View className="page coupons mall">
      <StatusTabs
        tabs={TABS}
        current={tab}
        label={(t) => (t === 'all' ? '全部' : COUPON_STATUS_LABELS[t])}
        onChange={setTab}
      />
      <Remote state={page}>
        {({ totals, redemptions }) => (
          <>
            <View className="section-title" data-testid="redemption-totals">
              共兑出 {totals.issued} 张，已核销 {totals.used} 张
            </View>
            {redemptions.length === 0 ? (
              <StateView status="empty" message="暂无记录" />
            ) : (
              <View className="card">
                {redemptions.map((r) => (
                  <View key={r.id} className="mall__item" data-testid="redemption-row">
                    <View className="mall__main" style={{ marginLeft: 0 }}>
                      <Text className="mall__title">
                        {r.title} · {COUPON_STATUS_LABELS[r.status]}
                      </Text>
                      <Text className="mall__sub">
                        {couponRule(r.amountFen, r.thresholdFen)} · {r.code} · 会员 {r.ownerName ?? r.owner}
                      </Text>
                      <Text className="mall__sub">
                        兑换 {formatDate(r.issuedAt, true)}
                        {r.usedAt
                          ? ` · 核销 ${formatDate(r.usedAt, true)} ${r.storeName ?? ''} ${r.usedByName ?? ''}`
                          : ` · 有效期至 ${formatDate(r.expiresAt, true)}`}
                      </Text>
                    </View>
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </Remote>
    </View>
  );
}

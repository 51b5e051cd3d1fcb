import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { CAN_SCAN, ScanButton } from '@/components/scan-button';
import { RoleTabBar } from '@/features/account/role-tab-bar';
import { formatDate } from '@/features/points/format';
import { userMessage } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { fetchRecentVerifications, verifyCoupon, type Verified } from './api';
import { couponRule } from './format';
import './mall.scss';

type Outcome = { ok: true; coupon: Verified } | { ok: false; message: string };

/** A guide verifies a member's coupon at the counter: scan its QR or type its code. */
export function VerifyScreen() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const recent = useRemote(fetchRecentVerifications);

  const verify = async (raw: string) => {
    const value = raw.replace(/[\s-]/g, '').toUpperCase();
    if (value.length !== 12) {
      setOutcome({ ok: false, message: '券码为 12 位字母或数字' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const coupon = await verifyCoupon(value);
      setOutcome({ ok: true, coupon });
      setCode('');
      recent.reload();
    } catch (e) {
      setOutcome({ ok: false, message: userMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page verify">
      <ScanButton label="扫码核销" disabled={busy} onResult={(text) => void verify(text)} />
      <View className="section-title">{CAN_SCAN ? '或输入券码' : '输入券码'}</View>
      <View className="card">
        <View className="console-form__field" style={{ padding: '6px 16px' }}>
          <Input
            value={code}
            placeholder="12 位券码，如 ABCD-EFGH-JKMN"
            onChange={setCode}
            maxLength={20}
            clearable
            data-testid="verify-input"
          />
        </View>
      </View>
      <View className="mall__actions">
        <Button block loading={busy} disabled={busy} onClick={() => void verify(code)} data-testid="verify-button">
          核销
        </Button>
      </View>
      {outcome?.ok ? (
        <View className="verify__result" role="status" data-testid="verify-ok">
          <Text className="verify__result-title">核销成功</Text>
          <Text className="verify__result-line">
            {outcome.coupon.title}（{couponRule(outcome.coupon.amountFen, outcome.coupon.thresholdFen)}）
          </Text>
          <Text className="verify__result-line">
            会员 {outcome.coupon.ownerName ?? '—'} · {formatDate(outcome.coupon.usedAt, true)}
          </Text>
        </View>
      ) : null}
      {outcome && !outcome.ok ? (
        <View className="verify__result verify__result--fail" role="alert" data-testid="verify-fail">
          <Text className="verify__result-title">无法核销</Text>
          <Text className="verify__result-line">{outcome.message}</Text>
        </View>
      ) : null}
      <View className="section-title">我最近的核销</View>
      <Remote state={recent} empty={{ message: '还没有核销记录' }}>
        {(verifications) => (
          <View className="card">
            {verifications.map((v) => (
              <View key={v.couponId} className="mall__item" data-testid="verification-row">
                <View className="mall__main" style={{ marginLeft: 0 }}>
                  <Text className="mall__title">{v.title}</Text>
                  <Text className="mall__sub">
                    {v.code} · 会员 {v.ownerName ?? '—'} · {formatDate(v.usedAt, true)}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        )}
      </Remote>
      <RoleTabBar role="guide" current="home" />
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatMemberCode, MEMBER_CODE_REFRESH_LEAD_MS } from '@core/points/purchase';
import { Button } from '@/components/nutui/button';
import { StateView } from '@/components/state-view';
import { RoleTabBar } from '@/features/account/role-tab-bar';
import { CouponQr } from '@/features/mall/coupon-qr';
import { userMessage } from '@/lib/cloud';
import { fetchBalance, fetchMemberCode, type MemberCode } from './api';
import './points.scss';

/** While the code is shown the member is at the till: the balance is checked this often to show the award. */
const BALANCE_POLL_MS = 4000;

/**
 * The member's code for points at the till: a QR for the guide's scanner and the digits for typing,
 * replaced by a fresh one before it expires and after it was used (the balance rising says so).
 * Refreshing stops while the page is hidden, so a code is only issued to someone looking at it.
 */
export function MemberCodeScreen() {
  const [code, setCode] = useState<MemberCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [balance, setBalance] = useState<number | null>(null);
  const [gained, setGained] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [visible, setVisible] = useState(true);
  const last = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      setCode(await fetchMemberCode());
      setError(null);
    } catch (e) {
      setError(userMessage(e));
    }
  }, []);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (visible) void refresh();
  }, [visible, refresh]);

  // The next code before this one expires.
  useEffect(() => {
    if (!code || !visible) return undefined;
    const wait = Math.max(1000, code.expiresAt - MEMBER_CODE_REFRESH_LEAD_MS - Date.now());
    const timer = setTimeout(() => void refresh(), wait);
    return () => clearTimeout(timer);
  }, [code, visible, refresh]);

  // A second hand for the countdown, and the balance: a rise means the guide used the code.
  useEffect(() => {
    if (!visible) return undefined;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = async () => {
      try {
        const { balance: b } = await fetchBalance();
        if (last.current !== null && b > last.current) {
          setGained(b - last.current);
          void refresh();
        }
        last.current = b;
        setBalance(b);
      } catch {
        // The next poll tries again; the code itself does not depend on it.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), BALANCE_POLL_MS);
    return () => {
      clearInterval(tick);
      clearInterval(timer);
    };
  }, [visible, refresh]);

  const seconds = code ? Math.max(0, Math.ceil((code.expiresAt - now) / 1000)) : 0;
  return (
    <View className="page points">
      <View className="card member-code" data-testid="member-code-card">
        <Text className="member-code__title">会员码</Text>
        <Text className="member-code__hint">结账时出示给导购扫码，消费金额将按规则计入积分</Text>
        {error && !code ? (
          <StateView status="error" message={error} onRetry={() => void refresh()} />
        ) : code ? (
          <>
            <View className="member-code__qr">
              <CouponQr code={code.code} size={200} />
            </View>
            <Text className="member-code__digits" data-testid="member-code-digits">
              {formatMemberCode(code.code)}
            </Text>
            <Text className="member-code__expires">{seconds > 0 ? `${seconds} 秒后自动刷新` : '正在刷新…'}</Text>
          </>
        ) : (
          <StateView status="loading" />
        )}
        {balance !== null ? (
          <Text className="member-code__balance" data-testid="member-code-balance">
            当前积分 {balance}
          </Text>
        ) : null}
        {gained !== null ? (
          <View role="status">
            <Text className="member-code__gained" data-testid="member-code-gained">
              本次获得 {gained} 积分
            </Text>
          </View>
        ) : null}
        <View className="member-code__actions">
          <Button size="small" onClick={() => void refresh()}>
            刷新会员码
          </Button>
        </View>
      </View>
      <RoleTabBar role="customer" current="home" />
    </View>
  );
}

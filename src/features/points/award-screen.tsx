import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEMBER_CODE_LENGTH, normaliseMemberCode } from '@core/points/purchase';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { CAN_SCAN, ScanButton } from '@/components/scan-button';
import { RoleTabBar } from '@/features/account/role-tab-bar';
import { parseYuan } from '@/features/mall/format';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { awardPurchase, fetchMyAwards, type AwardResult } from './api';
import { formatDate, newRequestId } from './format';
import './points.scss';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * A guide gives points for a purchase at the till: the member's code (scanned, or typed), the
 * amount paid, then one tap. A request id made per purchase keeps a double tap or a retry from
 * paying twice; today's awards are listed below with their totals.
 */
export function AwardScreen() {
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [done, setDone] = useState<AwardResult | null>(null);
  const action = useAction();
  const today = useRemote(fetchMyAwards);

  const submit = () =>
    action.run(async () => {
      setDone(null);
      const memberCode = normaliseMemberCode(code);
      if (!new RegExp(`^\\d{${MEMBER_CODE_LENGTH}}$`).test(memberCode)) {
        action.setError(`会员码为 ${MEMBER_CODE_LENGTH} 位数字`);
        return;
      }
      const fen = parseYuan(amount);
      if (fen === null || fen <= 0) {
        action.setError('请输入消费金额，如 128 或 128.50');
        return;
      }
      const result = await awardPurchase(memberCode, fen, requestId);
      setDone(result);
      setCode('');
      setAmount('');
      setRequestId(newRequestId());
      today.reload();
    });

  return (
    <View className="page verify">
      <ScanButton label="扫会员码" onResult={(text) => setCode(normaliseMemberCode(text))} />
      <View className="section-title">{CAN_SCAN ? '或输入会员码' : '输入会员码'}</View>
      <View className="card">
        <View className="console-form__field" style={{ padding: '6px 16px' }}>
          <Input
            value={code}
            placeholder="会员码 12 位数字"
            type="digit"
            onChange={setCode}
            maxLength={16}
            clearable
            data-testid="award-code"
          />
        </View>
        <View className="console-form__field" style={{ padding: '6px 16px' }}>
          <Input
            value={amount}
            placeholder="消费金额（元），如 128"
            type="digit"
            onChange={setAmount}
            maxLength={10}
            clearable
            data-testid="award-amount"
          />
        </View>
      </View>
      <View className="mall__actions">
        <Button
          type="primary"
          block
          loading={action.busy}
          disabled={action.busy}
          onClick={() => void submit()}
          data-testid="award-button"
        >
          发放积分
        </Button>
      </View>
      {done ? (
        <View className="verify__result" role="status" data-testid="award-ok">
          <Text className="verify__result-title">已发放 {done.points} 积分</Text>
          <Text className="verify__result-line">
            会员 {done.memberName ?? '—'} · 当前积分 {done.balance}
          </Text>
        </View>
      ) : null}
      {action.error ? (
        <View className="verify__result verify__result--fail" role="alert" data-testid="award-fail">
          <Text className="verify__result-title">未能发放</Text>
          <Text className="verify__result-line">{action.error}</Text>
        </View>
      ) : null}
      <View className="section-title">今日发放</View>
      <Remote state={today} empty={{ message: '今天还没有发放消费积分' }} isEmpty={(d) => d.awards.length === 0}>
        {(d) => (
          <View className="card">
            <View className="award__totals" data-testid="award-totals">
              <Text>{d.totals.count} 笔</Text>
              <Text>{yuan(d.totals.amountFen)}</Text>
              <Text>{d.totals.points} 积分</Text>
            </View>
            {d.awards.map((a) => (
              <View key={a.id} className="mall__item" data-testid="award-row">
                <View className="mall__main" style={{ marginLeft: 0 }}>
                  <Text className={`mall__title ${a.reversed ? 'award__reversed' : ''}`}>
                    {a.memberName ?? '—'} · {yuan(a.amountFen)} · +{a.points} 积分
                  </Text>
                  <Text className="mall__sub">
                    {formatDate(a.createdAt, true)}
                    {a.reversed ? ' · 已被总部冲正' : ''}
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

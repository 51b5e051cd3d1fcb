import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchRules, saveRules, type PointsRules, type SetRulesInput } from './api';
import { POINTS_ROUTES } from './routes';
import './points.scss';

type Field =
  | 'memberWelcome'
  | 'referralJoined'
  | 'referralFirstRedeem'
  | 'dailyCap'
  | 'monthlyCap'
  | 'expiryDays'
  | 'purchasePerYuan'
  | 'purchaseMinFen'
  | 'purchaseMemberDailyCap'
  | 'purchaseGuideDailyCap'
  | 'referralFirstPurchase';

/** `scale`: the form shows the value divided by it (fen as whole yuan). */
const FIELDS: { key: Field; label: string; hint: string; nullable?: boolean; scale?: number }[] = [
  { key: 'memberWelcome', label: '新会员礼', hint: '积分' },
  { key: 'referralJoined', label: '邀请好友入会', hint: '积分 / 每位好友' },
  { key: 'referralFirstRedeem', label: '好友首次兑换', hint: '积分 / 每位好友' },
  { key: 'dailyCap', label: '每日邀请上限', hint: '留空为不限', nullable: true },
  { key: 'monthlyCap', label: '每月邀请上限', hint: '留空为不限', nullable: true },
  { key: 'expiryDays', label: '有效期（天）', hint: '0 为长期有效' },
  { key: 'purchasePerYuan', label: '消费每元积分', hint: '0 为不开启消费积分' },
  { key: 'purchaseMinFen', label: '起积金额（元）', hint: '0 为不限', scale: 100 },
  { key: 'purchaseMemberDailyCap', label: '会员每日消费积分上限', hint: '留空为不限', nullable: true },
  { key: 'purchaseGuideDailyCap', label: '导购每日发放上限', hint: '留空为不限', nullable: true },
  { key: 'referralFirstPurchase', label: '好友首次到店消费', hint: '积分 / 每位好友，0 为不奖励' },
];

const toText = (v: number | null, scale = 1) => (v === null ? '' : String(v / scale));

function formOf(rules: PointsRules): Record<Field, string> {
  return Object.fromEntries(FIELDS.map((f) => [f.key, toText(rules[f.key], f.scale)])) as Record<Field, string>;
}

/** Parses the form; returns the input for setRules or a Chinese problem. */
export function parseRulesForm(values: Record<Field, string>): SetRulesInput | string {
  const out: Record<string, number | null> = {};
  for (const f of FIELDS) {
    const raw = values[f.key].trim();
    if (raw === '' && f.nullable) {
      out[f.key] = null;
      continue;
    }
    if (!/^\d+$/.test(raw)) return `${f.label}：请填写整数`;
    const n = Number(raw);
    if (f.nullable && n === 0) return `${f.label}：不限请留空，上限至少为 1`;
    out[f.key] = n * (f.scale ?? 1);
  }
  return out;
}

/** HQ: the points rules. Nothing here can reward sharing or opening a share — there is no such rule. */
export function RulesEditor() {
  const rules = useRemote(fetchRules);
  return (
    <View className="page console-form">
      <Remote state={rules}>{(saved) => <RulesForm saved={saved} onSaved={rules.reload} />}</Remote>
    </View>
  );
}

function RulesForm({ saved, onSaved }: { saved: PointsRules; onSaved: () => void }) {
  const [values, setValues] = useState(() => formOf(saved));
  const { busy, error, setError, run } = useAction();

  const save = async () => {
    const parsed = parseRulesForm(values);
    if (typeof parsed === 'string') return setError(parsed);
    setError(null);
    await run(async () => {
      const result = await saveRules(parsed);
      void Taro.showToast({ title: `已保存（版本 ${result.version}）`, icon: 'success' });
      onSaved();
    });
  };

  return (
    <>
      <View className="console-form__hint">
        只奖励好友的真实行为（成为会员、首次兑换、首次到店消费）。按微信平台规则，分享、好友打开分享页、分享到朋友圈均不得奖励，也不设随机奖励；会员可在“积分规则”页看到全部规则。
      </View>
      <View className="card">
        {FIELDS.map((f) => (
          <View key={f.key} className="console-form__field">
            <Text className="console-form__label">{f.label}</Text>
            <Input
              type="digit"
              value={values[f.key]}
              placeholder={f.hint}
              onChange={(v) => setValues({ ...values, [f.key]: v })}
              data-testid={`rule-${f.key}`}
            />
          </View>
        ))}
      </View>
      <View className="console-form__hint">
        当前版本 {saved.version}。修改只对之后发生的行为生效，已发放的积分不会重算。
      </View>
      <FormFooter error={error} busy={busy} label="保存规则" onSubmit={() => void save()}>
        <View className="points__more" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.rules })}>
          预览会员看到的规则
        </View>
        <View className="points__more" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.journal })}>
          积分流水与人工调整
        </View>
        <View className="points__more" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.awards })}>
          消费积分发放记录
        </View>
        <View className="points__more" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.tiers })}>
          会员等级
        </View>
      </FormFooter>
    </>
  );
}

import { useState } from 'react';
import { CONSENT_REQUIRED, MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { useAction } from '@/lib/use-action';
import { MemberConsent } from '@/privacy/member-consent';
import { redeemGuideInvite, registerMember } from './api';
import { JoinRules } from './join-rules';
import { forgetReferrer, readReferrer } from './referrer';
import { homeFor } from './routes';
import './join-screen.scss';
import { Alert } from '@/components/alert';

type Mode = 'member' | 'guide';

/** What a visitor sees: become a member (crediting whoever shared), or join as a guide with an invite code. */
export function JoinScreen() {
  const [mode, setMode] = useState<Mode>('member');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [agreed, setAgreed] = useState(false);
  const { busy, error, setError, run } = useAction();
  const referrer = readReferrer();

  const submit = async () => {
    setError(null);
    if (!name.trim()) return setError('请填写你的称呼');
    if (mode === 'guide' && code.trim().length !== 8) return setError('邀请码为 8 位字母或数字');
    if (mode === 'member' && !agreed) return setError(CONSENT_REQUIRED);
    await run(async () => {
      const result =
        mode === 'guide'
          ? await redeemGuideInvite(code, name)
          : await registerMember(name, referrer, MEMBER_TERMS_VERSION);
      if (mode === 'member') forgetReferrer();
      void Taro.showToast({ title: mode === 'guide' ? '已加入门店' : '欢迎成为会员', icon: 'success' });
      void Taro.reLaunch({ url: homeFor(result.role) });
    });
  };

  return (
    <View className="join">
      <View className="join__hero">
        <Text className="join__title">欢迎来到山茶生活</Text>
        <Text className="join__subtitle">成为会员，领取专属导购服务与积分礼遇</Text>
        {referrer && mode === 'member' ? (
          <Text className="join__ref">你由好友邀请而来，注册后将与好友的专属导购建立联系</Text>
        ) : null}
      </View>

      <View className="join__tabs" role="tablist">
        {(
          [
            ['member', '成为会员'],
            ['guide', '我是导购'],
          ] as const
        ).map(([key, label]) => (
          <View
            key={key}
            role="tab"
            aria-selected={mode === key}
            className={`join__tab${mode === key ? ' join__tab--active' : ''}`}
            onClick={() => {
              setMode(key);
              setError(null);
            }}
          >
            {label}
          </View>
        ))}
      </View>

      <View className="card join__form">
        <View className="join__field">
          <Text className="join__label">称呼</Text>
          <Input value={name} onChange={setName} placeholder="怎么称呼你" maxLength={20} clearable />
        </View>
        {mode === 'guide' ? (
          <View className="join__field">
            <Text className="join__label">邀请码</Text>
            <Input
              value={code}
              onChange={(v) => setCode(v.toUpperCase())}
              placeholder="总部发给你的 8 位邀请码"
              maxLength={8}
              clearable
            />
          </View>
        ) : null}
      </View>

      {mode === 'member' ? (
        <>
          <JoinRules />
          <MemberConsent agreed={agreed} onChange={setAgreed} />
        </>
      ) : null}

      <Alert message={error} className="join__error" />

      <View className="join__actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          {mode === 'guide' ? '加入门店' : '注册会员'}
        </Button>
        {mode === 'guide' ? <Text className="join__note">邀请码由总部在控制台生成，每个码只能使用一次。</Text> : null}
      </View>
    </View>
  );
}

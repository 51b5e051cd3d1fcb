import { useState } from 'react';
import { CONSENT_REQUIRED, MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Input } from '@/components/nutui/input';
import { useAction } from '@/lib/use-action';
import { MemberConsent } from '@/privacy/member-consent';
import { forgetShareToken } from '@/features/insight/share-token';
import { useRemote } from '@/lib/use-remote';
import { fetchWhoami, redeemGuideInvite, registerMember, type Registered } from './api';
import { useHomeByRole } from './home-by-role';
import { useInvitation } from './invitation';
import { JoinedView } from './joined-view';
import { JoinRules } from './join-rules';
import { NearestStores } from './nearest-stores';
import { useBrand, useBrandTitle } from '@/features/brand';
import { homeFor } from './routes';
import './join-screen.scss';
import { Alert } from '@/components/alert';

type Mode = 'member' | 'guide';

/** What a visitor sees: become a member (crediting whoever shared), or join as a guide with an invite code. */
export function JoinScreen() {
  const { params } = useRouter();
  const invitation = useInvitation(params);
  // An invitation opens this page directly: somebody who is already a member or a guide goes home.
  useHomeByRole(useRemote(fetchWhoami), 'visitor');
  const [joined, setJoined] = useState<Registered | null>(null);
  // A guide invitation's QR opens this page with the code: guide mode, code filled in.
  const invited = /^[0-9A-Za-z]{8}$/.test(params.invite ?? '') ? (params.invite ?? '').toUpperCase() : '';
  const [mode, setMode] = useState<Mode>(invited ? 'guide' : 'member');
  const [name, setName] = useState('');
  const [code, setCode] = useState(invited);
  const [store, setStore] = useState<string | undefined>(undefined);
  const brand = useBrand();
  useBrandTitle((b) => `加入${b.shortName}`);
  const [agreed, setAgreed] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = async () => {
    setError(null);
    if (!name.trim()) return setError('请填写你的称呼');
    if (mode === 'guide' && code.trim().length !== 8) return setError('邀请码为 8 位字母或数字');
    if (mode === 'member' && !agreed) return setError(CONSENT_REQUIRED);
    await run(async () => {
      if (mode === 'guide') {
        const result = await redeemGuideInvite(code, name);
        void Taro.showToast({ title: '已加入门店', icon: 'success' });
        void Taro.reLaunch({ url: homeFor(result.role) });
        return;
      }
      await invitation.ensureVisited();
      // A share decides the guide; the picked store counts only without one.
      const result = await registerMember(
        name,
        invitation.token,
        MEMBER_TERMS_VERSION,
        invitation.token ? undefined : store,
      );
      forgetShareToken();
      // The member is told whether the share counted before they move on.
      setJoined(result);
    });
  };

  if (joined) return <JoinedView result={joined} hadShare={invitation.token !== undefined} />;

  return (
    <View className="join">
      <View className="join__hero">
        <Text className="join__title" data-testid="join-title">{`欢迎来到${brand.name}`}</Text>
        <Text className="join__subtitle">成为会员，领取专属导购服务与积分礼遇</Text>
        {invitation.token && mode === 'member' ? (
          <Text className="join__ref" data-testid="join-invited">
            你由{invitation.sharerName ? ` ${invitation.sharerName} ` : '好友'}
            邀请而来，注册后将与邀请人的专属导购建立联系
          </Text>
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
          {invitation.token ? null : <NearestStores picked={store} onPick={setStore} />}
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

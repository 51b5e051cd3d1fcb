import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { env } from '@/lib/env';
import { DECLARATIONS } from './declarations';
import { PRIVACY_ROUTES } from './routes';
import './privacy-sheet.scss';

type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type PrivacyTaro = {
  /** `info.referrer` names the API that asked (e.g. "setClipboardData"). */
  onNeedPrivacyAuthorization?: (cb: (resolve: Resolve, info?: { referrer?: string }) => void) => void;
  openPrivacyContract?: (o?: { fail?: () => void }) => void;
};

/** Why the app asks, from the declarations, so the sheet, the guide page and the admin form agree. */
export function consentText(api: string | undefined): string {
  const d = DECLARATIONS.find((x) => x.api === api);
  if (d) return `${d.purpose}。`;
  const items = [...new Set(DECLARATIONS.map((x) => x.item))].join('、');
  return `本小程序会在你操作时使用：${items}，不会读取你手机里的其他内容。`;
}

/**
 * weapp only: the platform's consent before a declared API (clipboard, album, camera, chosen
 * photos) runs for the first time. Every page that calls one mounts this sheet. The platform keeps
 * ONE listener for the whole app, so the sheet registers itself again each time its page shows:
 * otherwise a page opened earlier would answer for the page now on screen. The agree button must
 * be the platform's own (openType agreePrivacyAuthorization), so the choice cannot be faked.
 */
export function PrivacySheet() {
  const [open, setOpen] = useState(false);
  const [api, setApi] = useState<string | undefined>();
  const pending = useRef<Resolve | null>(null);

  const listen = useCallback(() => {
    const t = Taro as unknown as PrivacyTaro;
    if (env.platform !== 'weapp' || typeof t.onNeedPrivacyAuthorization !== 'function') return;
    t.onNeedPrivacyAuthorization((resolve, info) => {
      pending.current = resolve;
      setApi(info?.referrer);
      setOpen(true);
    });
  }, []);
  useEffect(listen, [listen]);
  useDidShow(listen);

  if (!open) return null;
  const answer = (event: 'agree' | 'disagree') => {
    pending.current?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
    pending.current = null;
    setOpen(false);
  };
  const openGuide = () => {
    const t = Taro as unknown as PrivacyTaro;
    const inApp = () => void Taro.navigateTo({ url: PRIVACY_ROUTES.guide });
    if (typeof t.openPrivacyContract === 'function') t.openPrivacyContract({ fail: inApp });
    else inApp();
  };
  return (
    <View className="privacy-sheet" role="dialog">
      <View className="privacy-sheet__panel">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__text">
          {consentText(api)}点击同意即表示你已阅读并同意《小程序隐私保护指引》。
        </Text>
        <View className="privacy-sheet__link" onClick={openGuide}>
          查看《小程序隐私保护指引》
        </View>
        <View className="privacy-sheet__buttons">
          <Button className="privacy-sheet__no" onClick={() => answer('disagree')}>
            拒绝
          </Button>
          <Button
            id="privacy-agree"
            className="privacy-sheet__yes"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { env } from '@/lib/env';
import './privacy-sheet.scss';

type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type PrivacyTaro = { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void };

/**
 * weapp only: the platform asks before the clipboard and the album are used; this sheet is the
 * consent shown then. The agree button must be the platform's own (openType
 * agreePrivacyAuthorization), so the choice cannot be faked by a script.
 */
export function PrivacySheet() {
  const [open, setOpen] = useState(false);
  const pending = useRef<Resolve | null>(null);

  useEffect(() => {
    const t = Taro as unknown as PrivacyTaro;
    if (env.platform !== 'weapp' || typeof t.onNeedPrivacyAuthorization !== 'function') return;
    t.onNeedPrivacyAuthorization((resolve) => {
      pending.current = resolve;
      setOpen(true);
    });
  }, []);

  if (!open) return null;
  const answer = (event: 'agree' | 'disagree') => {
    pending.current?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
    pending.current = null;
    setOpen(false);
  };
  return (
    <View className="privacy-sheet" role="dialog">
      <View className="privacy-sheet__panel">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__text">
          复制文案需要使用剪贴板，保存配图需要写入你的相册。点击同意即表示你已阅读《小程序隐私保护指引》。
        </Text>
        <View
          className="privacy-sheet__link"
          onClick={() => void (Taro as unknown as { openPrivacyContract?: () => void }).openPrivacyContract?.()}
        >
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

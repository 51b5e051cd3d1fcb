import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { callFunction } from '@/lib/cloud';
import { PRIVACY_ROUTES } from '@/privacy/routes';
import { newRequestId } from '@/features/points/format';
import './reader-consent.scss';

/** Remembered on the phone so a visitor who said 不同意 is not asked on every page. */
const DECLINED_KEY = 'siyu.readerConsent.declined';

type Step = 'ask' | 'agreed' | 'declined' | 'cleared';

function declinedBefore(): boolean {
  try {
    return Taro.getStorageSync(DECLINED_KEY) === MEMBER_TERMS_VERSION;
  } catch {
    return false;
  }
}

/**
 * The reader page's question to a visitor who has not agreed to be recorded: until they say 同意
 * their opens are counted without their openid (no interest tags, no follow-up by the guide).
 * Either answer leaves the page readable; 清除 clears whatever was kept under their openid.
 */
export function ReaderConsent({ visitId }: { visitId?: string }) {
  const [step, setStep] = useState<Step>(() => (declinedBefore() ? 'declined' : 'ask'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (work: () => Promise<Step>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    work()
      .then(setStep)
      .catch(() => setError('操作没有成功，请稍后再试'))
      .finally(() => setBusy(false));
  };
  const agree = () =>
    run(async () => {
      await callFunction('insight', 'giveConsent', { version: MEMBER_TERMS_VERSION, ...(visitId ? { visitId } : {}) });
      Taro.removeStorageSync(DECLINED_KEY);
      return 'agreed';
    });
  const decline = () =>
    run(() => {
      Taro.setStorageSync(DECLINED_KEY, MEMBER_TERMS_VERSION);
      return Promise.resolve('declined');
    });
  const clear = () =>
    run(async () => {
      await callFunction('account', 'deleteMyData', { requestId: newRequestId() });
      return 'cleared';
    });

  if (step === 'declined' || step === 'cleared') {
    return (
      <View className="reader-consent reader-consent--quiet" data-testid="reader-consent">
        <Text>{step === 'cleared' ? '已清除。' : ''}未记录你是谁，只统计浏览次数。</Text>
        {step === 'declined' ? (
          <Text className="reader-consent__link" onClick={clear} data-testid="reader-consent-clear">
            清除已保存的记录
          </Text>
        ) : null}
      </View>
    );
  }
  return (
    <View className="reader-consent" data-testid="reader-consent">
      {step === 'agreed' ? (
        <Text className="reader-consent__text">已同意。之后的浏览与阅读时长将记录在你的微信标识下，可随时清除。</Text>
      ) : (
        <Text className="reader-consent__text">
          是否允许我们记录你浏览了哪些内容、读了多久？同意后，导购能按你的兴趣推荐；不同意也能正常阅读，我们只统计次数，不记录是谁。
        </Text>
      )}
      {error ? <Text className="reader-consent__error">{error}</Text> : null}
      <View className="reader-consent__actions">
        {step === 'ask' ? (
          <>
            <View className="reader-consent__button" onClick={decline} data-testid="reader-consent-decline">
              不同意
            </View>
            <View
              className="reader-consent__button reader-consent__button--primary"
              onClick={agree}
              data-testid="reader-consent-agree"
            >
              同意
            </View>
          </>
        ) : (
          <View className="reader-consent__button" onClick={clear} data-testid="reader-consent-clear">
            清除我的浏览记录
          </View>
        )}
      </View>
      <Text className="reader-consent__link" onClick={() => void Taro.navigateTo({ url: PRIVACY_ROUTES.guide })}>
        《隐私保护指引》
      </Text>
    </View>
  );
}

import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { VerifyScreen } from '@/features/mall/verify-screen';
import { AwardScreen } from '@/features/points/award-screen';
import { CounterTabs, type CounterMode } from '@/features/points/counter-tabs';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  const { params } = useRouter();
  const [mode, setMode] = useState<CounterMode>(params.mode === 'points' ? 'points' : 'coupon');
  return (
    <>
      <CounterTabs mode={mode} onChange={setMode} />
      {mode === 'coupon' ? <VerifyScreen /> : <AwardScreen />}
      <PrivacySheet />
    </>
  );
}

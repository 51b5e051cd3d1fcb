import { VerifyScreen } from '@/features/mall/verify-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <VerifyScreen />
      <PrivacySheet />
    </>
  );
}

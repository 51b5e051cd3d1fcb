import { BrandScreen } from '@/features/brand/brand-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <BrandScreen />
      <PrivacySheet />
    </>
  );
}

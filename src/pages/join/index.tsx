import { JoinScreen } from '@/features/account/join-screen';
import { BrandTheme } from '@/features/brand';
import { PrivacySheet } from '@/privacy/privacy-sheet';

/** The brand's theme first: weapp's page-meta must be the page's first node. */
export default function Page() {
  return (
    <>
      <BrandTheme />
      <JoinScreen />
      <PrivacySheet />
    </>
  );
}

import { GuideHome } from '@/features/account/guide-home';
import { BrandTheme } from '@/features/brand';

/** The brand's theme first: weapp's page-meta must be the page's first node. */
export default function Page() {
  return (
    <>
      <BrandTheme />
      <GuideHome />
    </>
  );
}

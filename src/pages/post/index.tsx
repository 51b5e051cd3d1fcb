import { GuidePost } from '@/features/content/guide-post';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <GuidePost />
      <PrivacySheet />
    </>
  );
}

import { ReaderScreen } from '@/features/insight/reader-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <ReaderScreen />
      <PrivacySheet />
    </>
  );
}

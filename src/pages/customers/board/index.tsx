import { StoreBoardScreen } from '@/features/insight/store-board-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <StoreBoardScreen />
      <PrivacySheet />
    </>
  );
}

import { FiguresScreen } from '@/features/insight/figures-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <FiguresScreen />
      <PrivacySheet />
    </>
  );
}

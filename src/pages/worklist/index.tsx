import { WorklistScreen } from '@/features/worklist/worklist-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <WorklistScreen />
      <PrivacySheet />
    </>
  );
}

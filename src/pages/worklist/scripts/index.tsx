import { ScriptsScreen } from '@/features/worklist/scripts-screen';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <ScriptsScreen mode="guide" />
      <PrivacySheet />
    </>
  );
}

import { StoreEditor } from '@/features/account/store-editor';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <StoreEditor />
      <PrivacySheet />
    </>
  );
}

import { PostEditor } from '@/features/content/post-editor';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <PostEditor />
      <PrivacySheet />
    </>
  );
}

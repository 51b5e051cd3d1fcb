import { useRouter } from '@tarojs/taro';
import { GuidePost } from '@/features/content/guide-post';
import { ReaderScreen } from '@/features/insight/reader-screen';
import { tokenFromQuery } from '@/features/insight/share-token';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  const { params } = useRouter();
  return (
    <>
      {/* A guide's Moments share of this page opens it with the share's token: the friend reads the post. */}
      {tokenFromQuery(params) ? <ReaderScreen /> : <GuidePost />}
      <PrivacySheet />
    </>
  );
}

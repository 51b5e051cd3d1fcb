import { GuidePost } from '@/features/content/guide-post';

export default function Page() {
  return <GuidePost />;
}

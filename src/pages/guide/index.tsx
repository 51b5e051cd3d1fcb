import { GuideHome } from '@/features/account/guide-home';

export default function Page() {
  return <GuideHome />;
}

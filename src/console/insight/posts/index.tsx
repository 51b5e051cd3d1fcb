import { RecentPostsScreen } from '@/features/insight/post-figures-screen';

export default function Page() {
  return <RecentPostsScreen />;
}

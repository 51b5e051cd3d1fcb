import { PostStatsView } from '@/features/content/post-stats';

export default function Page() {
  return <PostStatsView />;
}

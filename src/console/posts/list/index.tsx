import { PostList } from '@/features/content/post-list';

export default function Page() {
  return <PostList />;
}

import { PostEditor } from '@/features/content/post-editor';

export default function Page() {
  return <PostEditor />;
}

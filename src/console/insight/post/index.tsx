import { PostFiguresScreen } from '@/features/insight/post-figures-screen';

export default function Page() {
  return <PostFiguresScreen />;
}

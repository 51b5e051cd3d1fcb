import { ManualTagsScreen } from '@/features/worklist/manual-tags-screen';

export default function Page() {
  return <ManualTagsScreen />;
}

import { TagRulesScreen } from '@/features/insight/tag-rules-screen';

export default function Page() {
  return <TagRulesScreen />;
}

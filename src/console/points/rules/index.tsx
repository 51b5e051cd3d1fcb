import { RulesEditor } from '@/features/points/rules-editor';

export default function Page() {
  return <RulesEditor />;
}

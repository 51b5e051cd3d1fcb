import { RulesScreen } from '@/features/points/rules-screen';

export default function Page() {
  return <RulesScreen />;
}

import { TargetsScreen } from '@/features/insight/targets-screen';

export default function Page() {
  return <TargetsScreen />;
}

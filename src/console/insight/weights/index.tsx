import { WeightsScreen } from '@/features/insight/weights-screen';

export default function Page() {
  return <WeightsScreen />;
}

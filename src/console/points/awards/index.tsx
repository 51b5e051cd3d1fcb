import { AwardsScreen } from '@/features/points/awards-screen';

export default function Page() {
  return <AwardsScreen />;
}

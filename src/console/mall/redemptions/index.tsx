import { RedemptionsScreen } from '@/features/mall/redemptions-screen';

export default function Page() {
  return <RedemptionsScreen />;
}

import { CouponsScreen } from '@/features/mall/coupons-screen';

export default function Page() {
  return <CouponsScreen />;
}

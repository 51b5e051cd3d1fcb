import { MallScreen } from '@/features/mall/mall-screen';

export default function Page() {
  return <MallScreen />;
}

import { VerifyScreen } from '@/features/mall/verify-screen';

export default function Page() {
  return <VerifyScreen />;
}

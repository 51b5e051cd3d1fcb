import { MeScreen } from '@/features/account/me-screen';

export default function Page() {
  return <MeScreen />;
}

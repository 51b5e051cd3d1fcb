import { JoinScreen } from '@/features/account/join-screen';

export default function Page() {
  return <JoinScreen />;
}

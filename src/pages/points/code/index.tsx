import { MemberCodeScreen } from '@/features/points/member-code-screen';

export default function Page() {
  return <MemberCodeScreen />;
}

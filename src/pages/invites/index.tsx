import { InvitesScreen } from '@/features/insight/invites-screen';

export default function Page() {
  return <InvitesScreen />;
}

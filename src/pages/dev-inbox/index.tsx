import { InboxScreen } from '@/features/notify/inbox-screen';

export default function Page() {
  return <InboxScreen />;
}

import { HqOverview } from '@/features/account/hq-overview';

export default function Page() {
  return <HqOverview />;
}

import { TimelineScreen } from '@/features/insight/timeline-screen';

export default function Page() {
  return <TimelineScreen />;
}

import { TimelineScreen } from '@/features/insight/timeline-screen';
import { CustomerNotesSection } from '@/features/worklist/customer-notes';

export default function Page() {
  return (
    <>
      <TimelineScreen />
      <CustomerNotesSection />
    </>
  );
}

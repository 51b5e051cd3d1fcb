import { JournalScreen } from '@/features/points/journal-screen';

export default function Page() {
  return <JournalScreen />;
}

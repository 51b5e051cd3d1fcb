import { WeeklyScreen } from '@/features/insight/weekly-screen';

export default function Page() {
  return <WeeklyScreen />;
}

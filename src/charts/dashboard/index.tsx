import { DashboardScreen } from '@/features/insight/dashboard-screen';

export default function Page() {
  return <DashboardScreen />;
}

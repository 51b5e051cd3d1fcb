import { GraphScreen } from '@/features/insight/graph-screen';

export default function Page() {
  return <GraphScreen />;
}

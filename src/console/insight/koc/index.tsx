import { KocScreen } from '@/features/insight/koc-screen';

export default function Page() {
  return <KocScreen />;
}

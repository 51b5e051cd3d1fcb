import { FiguresScreen } from '@/features/insight/figures-screen';

export default function Page() {
  return <FiguresScreen />;
}

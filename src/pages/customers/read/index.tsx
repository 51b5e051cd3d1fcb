import { ReaderScreen } from '@/features/insight/reader-screen';

export default function Page() {
  return <ReaderScreen />;
}

import { TransferScreen } from '@/features/insight/transfer-screen';

export default function Page() {
  return <TransferScreen />;
}

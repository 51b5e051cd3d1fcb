import { CustomersScreen } from '@/features/insight/customers-screen';

export default function Page() {
  return <CustomersScreen />;
}

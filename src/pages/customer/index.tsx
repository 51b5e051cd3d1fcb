import { CustomerHome } from '@/features/account/customer-home';

export default function Page() {
  return <CustomerHome />;
}

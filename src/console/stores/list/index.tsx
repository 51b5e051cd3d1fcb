import { StoreListScreen } from '@/features/account/store-list';

export default function Page() {
  return <StoreListScreen />;
}

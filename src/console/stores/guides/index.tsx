import { StoreGuidesScreen } from '@/features/account/store-guides';

export default function Page() {
  return <StoreGuidesScreen />;
}

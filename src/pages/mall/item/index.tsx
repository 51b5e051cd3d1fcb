import { ItemScreen } from '@/features/mall/item-screen';

export default function Page() {
  return <ItemScreen />;
}

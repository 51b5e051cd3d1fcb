import { ItemEditor } from '@/features/mall/item-editor';

export default function Page() {
  return <ItemEditor />;
}

import { StoreEditor } from '@/features/account/store-editor';

export default function Page() {
  return <StoreEditor />;
}

import { TiersEditor } from '@/features/points/tiers-editor';

export default function Page() {
  return <TiersEditor />;
}

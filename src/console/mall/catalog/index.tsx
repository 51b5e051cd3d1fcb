import { CatalogScreen } from '@/features/mall/catalog-screen';

export default function Page() {
  return <CatalogScreen />;
}

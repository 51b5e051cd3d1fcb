import { VariantPreview } from '@/features/content/variant-preview';

export default function Page() {
  return <VariantPreview />;
}

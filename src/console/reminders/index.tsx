import { TemplatesScreen } from '@/features/notify/templates-screen';

export default function Page() {
  return <TemplatesScreen />;
}

import { PrivacyGuide } from '@/privacy/privacy-guide';

export default function Page() {
  return <PrivacyGuide />;
}

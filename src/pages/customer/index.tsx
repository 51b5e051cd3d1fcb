import { CustomerHome } from '@/features/account/customer-home';
import { PrivacySheet } from '@/privacy/privacy-sheet';

export default function Page() {
  return (
    <>
      <CustomerHome />
      <PrivacySheet />
    </>
  );
}

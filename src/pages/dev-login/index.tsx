import { DevLoginScreen } from '@/features/session/dev-login-screen';

export default function Page() {
  return <DevLoginScreen />;
}

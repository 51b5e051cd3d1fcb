import { LaunchGate } from '@/features/account/launch-gate';

export default function Page() {
  return <LaunchGate />;
}

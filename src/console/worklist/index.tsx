import { EffectScreen } from '@/features/worklist/effect-screen';

export default function Page() {
  return <EffectScreen />;
}

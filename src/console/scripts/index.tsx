import { ScriptsScreen } from '@/features/worklist/scripts-screen';

export default function Page() {
  return <ScriptsScreen mode="hq" />;
}

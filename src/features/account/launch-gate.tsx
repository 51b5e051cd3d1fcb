import { Image, Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { useRemote } from '@/lib/use-remote';
import { useBrand, useBrandTitle } from '@/features/brand';
import { fetchWhoami } from './api';
import { useHomeByRole } from './home-by-role';
import './launch-gate.scss';

/**
 * The launch page's whole job: ask the cloud who this is (`account.whoami`) and send them to their
 * role's home. On H5 with nobody signed in, the demo sign-in page comes first.
 */
export function LaunchGate() {
  const whoami = useRemote(fetchWhoami);
  useHomeByRole(whoami);
  const brand = useBrand();
  useBrandTitle((b) => b.shortName);

  return (
    <View className="launch-gate">
      <View className="launch-gate__brand">
        {brand.logoUrl ? (
          <Image className="launch-gate__logo" src={brand.logoUrl} mode="aspectFit" />
        ) : (
          <View className="launch-gate__logo">{brand.shortName.slice(0, 1)}</View>
        )}
        <Text className="launch-gate__name" data-testid="brand-name">
          {brand.name}
        </Text>
        <Text className="launch-gate__tagline">私域助手</Text>
      </View>
      <Remote state={whoami} loading="正在识别身份…">
        {/* Known: the effect above is already sending them to their home. */}
        {() => <StateView status="loading" message="正在识别身份…" />}
      </Remote>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useBrand } from '@/features/brand';
import { INSIGHT_ROUTES } from './routes';
import { ShareActions } from './share-actions';
import { useShareCard, useShareLink } from './use-share-link';

/**
 * A member invites friends: a chat card and a personal poster carrying their invitation link, and
 * the way to see whom they invited. The note says it as the rules do: the share earns nothing.
 */
export function InviteSection() {
  const brand = useBrand();
  const card = { title: `邀你一起逛${brand.name}，成为会员享专属导购服务` };
  const share = useShareLink({});
  useShareCard(
    share,
    () => card,
    () => '/pages/index/index',
  );
  return (
    <View data-testid="invite-section">
      <View className="section-title">邀请好友</View>
      <ShareActions
        share={share}
        card={card}
        poster={{}}
        note="好友通过你的分享注册成为会员、首次兑换后，你按积分规则获得积分；分享本身不获得积分。"
      />
      <View
        className="card invite-link"
        data-testid="my-invites-link"
        onClick={() => void Taro.navigateTo({ url: INSIGHT_ROUTES.invites })}
      >
        我邀请的好友 ›
      </View>
    </View>
  );
}

import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { env } from '@/lib/env';
import { ShareActions } from './share-actions';
import { PostSpreadSection } from './spread-tree';
import { useShareCard, useShareLink, useShareMoments } from './use-share-link';

/** Where a chat card goes if the link has not arrived within WeChat's three seconds: the app's front door. */
const FRONT_DOOR = '/pages/index/index';

/**
 * A guide shares their post: a chat card with their own link, Moments, and a poster with a
 * mini-program code; below, how their shares have spread. The card carries the post's title and
 * the guide's first image; whoever opens it reads the guide's own variant.
 */
export function PostShare({ postId, title, imageUrl }: { postId: string; title: string; imageUrl?: string }) {
  const share = useShareLink({ postId });
  const card = () => ({ title, ...(imageUrl ? { imageUrl } : {}) });
  useShareCard(share, card, () => FRONT_DOOR);
  // Moments opens this same page with the token's query; the page then shows the reader's view.
  useShareMoments(share, card, () => '');
  useDidShow(() => {
    if (env.platform !== 'weapp') return;
    // WeChat's option is `menus`; Taro's types only know QQ's `showShareItems`.
    const options: Taro.showShareMenu.Option & { menus: string[] } = {
      withShareTicket: true,
      menus: ['shareAppMessage', 'shareTimeline'],
    };
    void Taro.showShareMenu(options).catch(() => undefined);
  });

  return (
    <View data-testid="post-share">
      <View className="section-title">分享给顾客</View>
      <ShareActions
        share={share}
        card={card()}
        timeline
        poster={{ postId }}
        note="顾客打开后，会看到你的专属文案和配图；谁读了、读了多久会出现在「我的会员」里。"
      />
      <PostSpreadSection
        postId={postId}
        title="我的分享传播"
        emptyHint="把这篇发给顾客或发到朋友圈后，这里会显示谁打开、谁又转发了"
      />
    </View>
  );
}

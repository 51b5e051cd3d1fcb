import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { env } from '@/lib/env';
import { useAction } from '@/lib/use-action';
import { copyText, SaveError, taroSaveApi } from '@/features/content/save-kit';
import type { ShareInput, ShareLink } from './api';
import { PosterPreview, posterButtonLabel, usePoster } from './poster-maker';
import type { ShareCard, ShareHandle } from './use-share-link';
import './share-actions.scss';

export interface ShareActionsProps {
  share: ShareHandle;
  card: ShareCard;
  /** Offer "分享到朋友圈" (pages whose Moments entry opens a page a friend can read). */
  timeline?: boolean;
  /** Offer a poster for this share (a post, or an invitation when it has no postId). */
  poster?: ShareInput;
  /** One line under the buttons: what the share does, and that it earns nothing by itself. */
  note?: string;
}

type Shown = { kind: 'chat' | 'timeline'; link: ShareLink } | null;

/** The address a link opens in the browser build (hash routing). */
function browserUrl(path: string): string {
  return `${window.location.origin}${window.location.pathname}#${path}`;
}

/**
 * Sharing from a page: a chat card (WeChat's share button), Moments, and a poster. The mini-program
 * hands the first two to WeChat's own sheet; the browser build has none, so it shows the link the
 * card would carry, to copy.
 */
export function ShareActions({ share, card, timeline, poster, note }: ShareActionsProps) {
  const [shown, setShown] = useState<Shown>(null);
  const action = useAction({ toast: true });
  const posterState = usePoster(poster ?? {});
  const weapp = env.platform === 'weapp';

  const showLink = (kind: 'chat' | 'timeline') =>
    action.run(async () => {
      const link = await share.ensure();
      if (weapp && kind === 'timeline') {
        // Moments is reached only from the menu in the top right; this page answers it with the link.
        await Taro.showModal({
          title: '分享到朋友圈',
          content: '点右上角「···」，选择「分享到朋友圈」。好友从朋友圈打开的就是你的专属链接。',
          showCancel: false,
          confirmText: '知道了',
        });
        return;
      }
      setShown({ kind, link });
    });

  return (
    <View className="card share-actions" data-testid="share-actions">
      <View className="share-actions__row">
        {weapp ? (
          <Button className="share-actions__button" openType="share" data-testid="share-chat">
            发给朋友
          </Button>
        ) : (
          <View className="share-actions__button" onClick={() => void showLink('chat')} data-testid="share-chat">
            发给朋友
          </View>
        )}
        {timeline ? (
          <View
            className="share-actions__button"
            onClick={() => void showLink('timeline')}
            data-testid="share-timeline"
          >
            分享到朋友圈
          </View>
        ) : null}
        {poster ? (
          <View
            className={`share-actions__button${posterState.busy ? ' share-actions__button--busy' : ''}`}
            onClick={() => void posterState.make()}
            data-testid="share-poster"
          >
            {posterButtonLabel(posterState)}
          </View>
        ) : null}
      </View>
      {action.busy ? <Text className="share-actions__hint">正在生成分享链接…</Text> : null}
      {shown ? <LinkPanel shown={shown} card={card} /> : null}
      {poster ? <PosterPreview {...posterState} /> : null}
      {note ? <Text className="share-actions__note">{note}</Text> : null}
    </View>
  );
}

/** Browser build: what the chat card or the Moments entry would carry, with the link to copy. */
function LinkPanel({ shown, card }: { shown: NonNullable<Shown>; card: ShareCard }) {
  const url = browserUrl(shown.link.path);
  const copy = () =>
    copyText(taroSaveApi(), url).then(
      () => void Taro.showToast({ title: '链接已复制', icon: 'success' }),
      (e: unknown) => void Taro.showToast({ title: e instanceof SaveError ? e.message : '复制失败', icon: 'none' }),
    );
  return (
    <View className="share-actions__panel" data-testid="share-panel">
      <Text className="share-actions__panel-title">
        {shown.kind === 'chat' ? '分享卡片（好友在微信里收到的样子）' : '朋友圈链接'}
      </Text>
      <View className="share-actions__card">
        {card.imageUrl ? <Image className="share-actions__card-img" src={card.imageUrl} mode="aspectFill" /> : null}
        <Text className="share-actions__card-title">{card.title}</Text>
      </View>
      <Text className="share-actions__path" userSelect data-testid="share-path">
        {shown.link.path}
      </Text>
      <View className="share-actions__copy" onClick={() => void copy()} data-testid="share-copy">
        复制链接
      </View>
    </View>
  );
}

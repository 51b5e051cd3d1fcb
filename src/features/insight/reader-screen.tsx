import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef } from 'react';
import { HEARTBEAT_SECONDS } from '@core/limits';
import { sharePath, shareScene } from '@core/share-paths';
import { Remote } from '@/components/remote';
import { CloudError } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { ROUTES } from '@/features/account/routes';
import { useBrand, useBrandTitle } from '@/features/brand';
import { endVisit, recordVisit, type Opened, type ShareLink } from './api';
import { DepthTracker, paragraphsOf } from './reading-depth';
import { ReaderConsent } from './reader-consent';
import { ReadingClock } from './reading-clock';
import { ShareActions } from './share-actions';
import { markShareVisited, rememberShareToken, tokenFromQuery } from './share-token';
import { paragraphId, useParagraphsSeen } from './use-paragraphs-seen';
import { queryOf, useShareCard, useShareLink, useShareMoments, type ShareHandle } from './use-share-link';
import './insight.scss';

/** Opened from a Moments post in single-page mode: the open has no identity. */
const MOMENTS_SINGLE_PAGE = 1154;

function launchScene(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    return Taro.getEnterOptionsSync().scene;
  } catch {
    return undefined;
  }
}

/**
 * Passing the page on: the reader's own link, a child of the share they opened, so the spread of
 * the post is seen hop by hop. Somebody who may not share yet (a visitor) passes the same link on.
 */
function useReshare(token: string, postId: string | undefined, ready: boolean): ShareHandle {
  const child = useShareLink(ready ? { ...(postId ? { postId } : {}), parent: token } : undefined);
  const same: ShareLink = { shareToken: token, path: sharePath(token, postId !== undefined), scene: shareScene(token) };
  return {
    link: child.link,
    ensure: () =>
      child.ensure().catch((e: unknown) => {
        if (e instanceof CloudError && e.code === 'PERMISSION_DENIED') return same;
        throw e;
      }),
  };
}

/**
 * A shared post as the friend reads it: records the open through the share's token (nobody earns
 * anything for it) and reports how long the page stays visible and how far the reader got, by
 * heartbeat while shown and once more when hidden.
 */
export function ReaderScreen() {
  const { params } = useRouter();
  const token = tokenFromQuery(params);
  const brand = useBrand();
  useBrandTitle((b) => b.shortName);
  const clock = useRef(new ReadingClock());
  const depth = useRef(new DepthTracker([]));
  const visitId = useRef<string | null>(null);
  const sent = useRef({ seconds: 0, paragraph: 0 });

  const report = () => {
    const id = visitId.current;
    const seconds = clock.current.seconds();
    const reached = depth.current.depth();
    if (!id || (seconds <= sent.current.seconds && (reached?.paragraph ?? 0) <= sent.current.paragraph)) return;
    sent.current = { seconds, paragraph: reached?.paragraph ?? 0 };
    // A lost report is fine: the next one carries the totals.
    endVisit(id, seconds, reached).catch(() => undefined);
  };

  // The query is fixed for the page's life; a retry records the open that failed.
  const opened = useRemote(async () => {
    if (!token) throw new CloudError('INVALID_ARGUMENT', '分享链接不完整或已失效');
    rememberShareToken(token);
    const scene = launchScene();
    const result = await recordVisit({ shareToken: token, ...(scene !== undefined ? { scene } : {}) });
    // No visitId: the open was not recorded (the sharer's own, or an anonymous one over the bound).
    visitId.current = result.visitId ?? null;
    if (result.visitId && scene !== MOMENTS_SINGLE_PAGE) markShareVisited(token, result.sharerName);
    return result;
  });

  const post = opened.status === 'ready' ? opened.data.post : undefined;
  const paragraphs = useMemo(() => (post ? paragraphsOf(post.text) : []), [post]);
  useEffect(() => {
    depth.current = new DepthTracker(paragraphs.map((p) => p.length));
  }, [paragraphs]);
  useParagraphsSeen(paragraphs.length, (i) => depth.current.reach(i));

  useEffect(() => {
    clock.current.show();
    const timer = setInterval(report, HEARTBEAT_SECONDS * 1000);
    return () => {
      clearInterval(timer);
      clock.current.hide();
      report();
    };
  }, []);
  useDidShow(() => clock.current.show());
  useDidHide(() => {
    clock.current.hide();
    report();
  });

  const postId = opened.status === 'ready' ? opened.data.postId : undefined;
  // Where the share this page was opened through leads: passed on as it is when no own link comes.
  const original = sharePath(token ?? '', postId !== undefined);
  const reshare = useReshare(token ?? '', postId, !!token && opened.status === 'ready');
  const card = () => ({
    title: post?.title ?? brand.name,
    ...(post?.images[0] ? { imageUrl: post.images[0].url } : {}),
  });
  useShareCard(reshare, card, () => original);
  useShareMoments(reshare, card, () => queryOf(original));

  return (
    <Remote state={opened} loading="正在打开…">
      {(shared) => (
        <SharedPost {...shared} paragraphs={paragraphs} share={reshare} card={card()} brandName={brand.name} />
      )}
    </Remote>
  );
}

function SharedPost({
  sharerName,
  askConsent,
  visitId,
  post,
  paragraphs,
  share,
  card,
  brandName,
}: Opened & {
  paragraphs: string[];
  share: ShareHandle;
  card: { title: string; imageUrl?: string };
  brandName: string;
}) {
  return (
    <View className="page reader" data-testid="reader">
      {sharerName ? <View className="reader__from">{sharerName} 分享给你</View> : null}
      {askConsent ? <ReaderConsent {...(visitId ? { visitId } : {})} /> : null}
      {post ? (
        <View className="card reader__card">
          <Text className="reader__title">{post.title}</Text>
          {paragraphs.map((p, i) => (
            <View key={i} id={paragraphId(i)} className="reader__text" data-testid="reader-paragraph">
              <Text userSelect>{p}</Text>
            </View>
          ))}
          {post.images.length > 0 ? (
            <View className="reader__images">
              {post.images.map((img) => (
                <Image key={img.fileID} className="reader__image" src={img.url} mode="aspectFill" />
              ))}
            </View>
          ) : null}
        </View>
      ) : (
        <View className="card reader__card">
          <Text className="reader__title">{`欢迎来到${brandName}`}</Text>
          <Text className="reader__text">成为会员，领取专属导购服务与积分礼遇。</Text>
        </View>
      )}
      <View className="section-title">转给朋友</View>
      <ShareActions share={share} card={card} timeline note="转发给好友不获得积分；好友打开看到的是同一篇内容。" />
      <View className="reader__join" onClick={() => void Taro.redirectTo({ url: ROUTES.launch })}>
        进入小程序
      </View>
    </View>
  );
}

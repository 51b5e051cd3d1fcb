import Taro, { useDidHide, useDidShow, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { HEARTBEAT_SECONDS } from '@core/limits';
import { Remote } from '@/components/remote';
import { CloudError } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { rememberReferrer } from '@/features/account/referrer';
import { ROUTES } from '@/features/account/routes';
import { endVisit, recordVisit, type Opened } from './api';
import { ReadingClock } from './reading-clock';
import { visitFromQuery } from './share-query';
import './insight.scss';

function launchScene(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    return Taro.getEnterOptionsSync().scene;
  } catch {
    return undefined;
  }
}

/**
 * A shared post as the friend reads it: records the open (nobody earns anything for it) and
 * reports how long the page stays visible, by heartbeat while shown and once more when hidden.
 */
export function ReaderScreen() {
  const { params } = useRouter();
  const clock = useRef(new ReadingClock());
  const visitId = useRef<string | null>(null);
  const lastSent = useRef(0);

  const report = () => {
    const id = visitId.current;
    const seconds = clock.current.seconds();
    if (!id || seconds <= lastSent.current) return;
    lastSent.current = seconds;
    // A lost report is fine: the next one carries the total.
    endVisit(id, seconds).catch(() => undefined);
  };

  // The query is fixed for the page's life; a retry records the open that failed.
  const opened = useRemote(async () => {
    const visit = visitFromQuery(params, launchScene());
    if (!visit) throw new CloudError('INVALID_ARGUMENT', '分享链接不完整');
    if (visit.sharer) rememberReferrer({ ref: visit.sharer });
    const result = await recordVisit(visit);
    visitId.current = result.visitId;
    rememberReferrer({ ref: result.sharer });
    return result;
  });

  useEffect(() => {
    clock.current.show();
    const timer = setInterval(report, HEARTBEAT_SECONDS * 1000);
    return () => {
      clearInterval(timer);
      clock.current.hide();
      report();
    };
  }, []);

  // Passing the page on keeps the original share (and its sharer) in the path; Moments opens it in
  // single-page mode, where the open is counted without identity.
  const shareQuery = () =>
    Object.entries(params)
      .filter(([k, v]) => ['s', 'ref', 'post'].includes(k) && typeof v === 'string')
      .map(([k, v]) => `${k}=${v as string}`)
      .join('&');
  const shareTitle = () => (opened.status === 'ready' ? (opened.data.post?.title ?? '山茶生活') : '山茶生活');
  useShareAppMessage(() => ({ title: shareTitle(), path: `/pages/customers/read/index?${shareQuery()}` }));
  useShareTimeline(() => ({ title: shareTitle(), query: shareQuery() }));

  useDidShow(() => clock.current.show());
  useDidHide(() => {
    clock.current.hide();
    report();
  });

  return <Remote state={opened}>{(shared) => <SharedPost {...shared} />}</Remote>;
}

function SharedPost({ sharerName, post }: Opened) {
  return (
    <View className="page reader" data-testid="reader">
      {sharerName ? <View className="reader__from">{sharerName} 分享给你</View> : null}
      {post ? (
        <View className="card reader__card">
          <Text className="reader__title">{post.title}</Text>
          <Text className="reader__text" userSelect>
            {post.text}
          </Text>
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
          <Text className="reader__title">欢迎来到山茶生活</Text>
        </View>
      )}
      <View className="reader__join" onClick={() => void Taro.redirectTo({ url: ROUTES.launch })}>
        进入小程序
      </View>
    </View>
  );
}

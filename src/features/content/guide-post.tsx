import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { CloudError, userMessage } from '@/lib/cloud/errors';
import { useRemote } from '@/lib/use-remote';
import { PostShare } from '@/features/insight/post-share';
import { fetchMyVariant, recordOutcome, type MyVariant } from './api';
import { formatWhen } from './format';
import { copyText, SaveError, saveImages, taroSaveApi } from './save-kit';
import { VariantWait } from './variant-wait';
import './guide-post.scss';

/** A guide's post page: their own variant, one tap to copy it and save every image, and ways to share it. */
export function GuidePost() {
  const { params } = useRouter();
  const postId = params.id ?? '';
  const variant = useRemote(
    () =>
      postId
        ? fetchMyVariant(postId)
        : Promise.reject(new CloudError('NOT_FOUND', '没有找到这条素材，请从今日素材列表打开')),
    [postId],
  );
  return (
    <View className="page guide-post">
      {variant.status === 'loading' ? (
        <VariantWait postId={postId} />
      ) : (
        <Remote state={variant}>{(mine) => <VariantBody variant={mine} />}</Remote>
      )}
    </View>
  );
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'copying' }
  | { kind: 'saving'; done: number; total: number }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

function VariantBody({ variant }: { variant: MyVariant }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [copied, setCopied] = useState(variant.copied);
  const [saved, setSaved] = useState(variant.saved);
  const busy = phase.kind === 'copying' || phase.kind === 'saving';
  const api = taroSaveApi();
  const total = variant.images.length;

  const note = (outcome: 'copied' | 'saved') => {
    // The outcome is a statistic: a failure to record it must not bother the guide.
    recordOutcome(variant.postId, outcome).catch(() => undefined);
  };

  const run = async (what: { text: boolean; images: boolean }) => {
    if (busy) return;
    try {
      if (what.text) {
        setPhase({ kind: 'copying' });
        await copyText(api, variant.text);
        setCopied(true);
        note('copied');
      }
      if (what.images && total > 0) {
        await saveImages(
          api,
          variant.images.map((i) => i.url),
          (done, all) => setPhase({ kind: 'saving', done, total: all }),
        );
        setSaved(true);
        note('saved');
      }
      setPhase({ kind: 'done' });
      void Taro.showToast({ title: what.images && total > 0 ? '已复制文案并保存图片' : '文案已复制', icon: 'success' });
    } catch (e) {
      // The kit fails only with a SaveError, whose message is written for the guide.
      setPhase({ kind: 'failed', message: e instanceof SaveError ? e.message : userMessage(e) });
    }
  };

  const label =
    phase.kind === 'copying'
      ? '正在复制…'
      : phase.kind === 'saving'
        ? `保存中 ${phase.done}/${phase.total}`
        : total > 0
          ? `一键复制文案 + 保存 ${total} 张图`
          : '一键复制文案';

  return (
    <>
      <View className="card guide-post__when" data-testid="suggested-time">
        <Text className="guide-post__when-title">建议发布时间：{formatWhen(variant.suggestedAt)}</Text>
        <Text className="guide-post__when-text">同店导购的时间已错开，避免同一时段刷屏被折叠。</Text>
      </View>

      <View className="section-title">我的专属文案</View>
      <View className="card guide-post__text">
        <Text userSelect className="guide-post__body" data-testid="variant-text">
          {variant.text}
        </Text>
      </View>
      <Text className="guide-post__tip">提示：粘贴的长文案在朋友圈会被折叠，发之前可以先自己打一句开头。</Text>

      {total > 0 ? (
        <>
          <View className="section-title">我的专属配图（{total} 张）</View>
          <View className="guide-post__grid">
            {variant.images.map((img, i) => (
              <Image
                key={img.fileID}
                className="guide-post__img"
                src={img.url}
                mode="aspectFill"
                data-testid="variant-image"
                onClick={() =>
                  void Taro.previewImage({ current: img.url, urls: variant.images.map((x) => x.url) }).catch(
                    () => undefined,
                  )
                }
                aria-label={`配图 ${i + 1}`}
              />
            ))}
          </View>
        </>
      ) : null}

      <PostShare postId={variant.postId} title={variant.title} imageUrl={variant.images[0]?.url} />

      <View className="guide-post__actions">
        {phase.kind === 'failed' ? <Text className="guide-post__error">{phase.message}</Text> : null}
        {phase.kind === 'saving' ? (
          <View className="guide-post__bar">
            <View
              className="guide-post__bar-fill"
              style={{ width: `${Math.round((phase.done / Math.max(1, phase.total)) * 100)}%` }}
            />
          </View>
        ) : null}
        <View
          className={`guide-post__primary${busy ? ' guide-post__primary--busy' : ''}`}
          hoverClass="guide-post__primary--active"
          onClick={() => void run({ text: true, images: true })}
          data-testid="copy-save"
        >
          {label}
        </View>
        <View className="guide-post__secondary">
          <View
            className="guide-post__link"
            onClick={() => void run({ text: true, images: false })}
            data-testid="copy-only"
          >
            仅复制文案
          </View>
          {total > 0 ? (
            <View className="guide-post__link" onClick={() => void run({ text: false, images: true })}>
              仅保存图片
            </View>
          ) : null}
        </View>
        <Text className="guide-post__status" data-testid="outcome">
          {copied ? '✓ 文案已复制' : '文案未复制'} · {saved ? '✓ 图片已保存' : '图片未保存'}
        </Text>
      </View>
    </>
  );
}

import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StateView } from '@/components/state-view';
import { callFunction, type CallOutput } from '@/lib/cloud';
import './variant-wait.scss';

type Progress = CallOutput<'content', 'variantProgress'>;

/** How often the page asks how far the variant has got. */
const POLL_MS = 700;

/**
 * What the guide's post page shows while their variant is on its way. A variant made ahead is a
 * read ("正在打开…"); one the fan-out has not reached yet is made for this guide there and then, and
 * the page says so, with the images done of the post's, instead of a blank wait.
 */
export function VariantWait({ postId }: { postId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      callFunction('content', 'variantProgress', { postId })
        // Only a hint while the page loads the variant itself, which reports any failure.
        .then(
          (p) => alive && setProgress(p),
          () => undefined,
        )
        .finally(() => {
          if (alive) timer = setTimeout(poll, POLL_MS);
        });
    };
    poll();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [postId]);

  if (!progress || progress.ready) return <StateView status="loading" message="正在打开你的专属版本…" />;
  const { done, of } = progress;
  return (
    <View className="variant-wait" role="status" aria-live="polite" data-testid="variant-wait">
      <View className="variant-wait__spinner" />
      <Text className="variant-wait__title">正在生成你的专属版本…</Text>
      {of > 0 ? (
        <>
          <View className="variant-wait__bar">
            <View className="variant-wait__fill" style={{ width: `${Math.round((done / of) * 100)}%` }} />
          </View>
          <Text className="variant-wait__count" data-testid="variant-wait-count">
            配图 {done} / {of}
          </Text>
        </>
      ) : null}
      <Text className="variant-wait__hint">文案和配图只为你生成，需要几秒；之后再打开就是现成的。</Text>
    </View>
  );
}

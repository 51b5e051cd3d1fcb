import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { userMessage } from '@/lib/cloud';
import { SaveError, saveImages, taroSaveApi } from '@/features/content/save-kit';
import { fetchSharePoster, type Poster, type ShareInput } from './api';
import './share-actions.scss';

type Phase =
  | { kind: 'idle' }
  | { kind: 'making' }
  | { kind: 'saving'; done: number; total: number }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string };

export interface PosterState {
  poster: Poster | undefined;
  phase: Phase;
  busy: boolean;
  /** One tap: make the poster (once), show it, and save it to the album with progress. */
  make: () => Promise<void>;
}

/**
 * The share poster (composed by the server, kept per share token) saved through the same kit as a
 * post's images: privacy consent, album permission with its recovery path, progress.
 */
export function usePoster(input: ShareInput): PosterState {
  const [poster, setPoster] = useState<Poster | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'making' || phase.kind === 'saving';

  const make = async () => {
    if (busy) return;
    try {
      setPhase({ kind: 'making' });
      const made = poster ?? (await fetchSharePoster(input));
      setPoster(made);
      await saveImages(taroSaveApi(), [made.url], (done, total) => setPhase({ kind: 'saving', done, total }));
      setPhase({ kind: 'saved' });
      void Taro.showToast({ title: '海报已保存到相册', icon: 'success' });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof SaveError ? e.message : userMessage(e) });
    }
  };

  return { poster, phase, busy, make };
}

export function posterButtonLabel({ poster, phase }: PosterState): string {
  if (phase.kind === 'making') return '生成中…';
  if (phase.kind === 'saving') return `保存中 ${phase.done}/${phase.total}`;
  return poster ? '保存海报' : '生成海报';
}

/** The poster as made, with what became of saving it; a tap opens it full size. */
export function PosterPreview({ poster, phase }: PosterState) {
  if (!poster) {
    return phase.kind === 'failed' ? (
      <View className="share-actions__error" role="alert">
        {phase.message}
      </View>
    ) : null;
  }
  return (
    <View className="share-actions__poster" data-testid="poster">
      <Image
        className="share-actions__poster-img"
        src={poster.url}
        mode="widthFix"
        data-testid="poster-image"
        onClick={() => void Taro.previewImage({ current: poster.url, urls: [poster.url] }).catch(() => undefined)}
      />
      {phase.kind === 'failed' ? (
        <View className="share-actions__error" role="alert">
          {phase.message}
        </View>
      ) : (
        <Text className="share-actions__hint">
          {phase.kind === 'saved' ? '✓ 海报已保存到相册，可发到朋友圈或发给好友' : '点开海报可查看大图'}
        </Text>
      )}
    </View>
  );
}

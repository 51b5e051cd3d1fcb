import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchPost, fetchPreview } from './api';
import { STRENGTH_LABELS } from './format';
import { splitChanges } from './highlight';
import './variant-preview.scss';

const KIND_LABELS: Record<string, string> = {
  synonym: '同义替换',
  emoji: '表情',
  bullet: '列表符号',
  reorder: '顺序调整',
  punctuation: '标点',
  opener: '开头',
  closer: '结尾',
  rewrite: 'AI 改写处',
};

/** Which engine wrote a guide's text (an AI rewrite only when switched on and it passed every check). */
const SOURCE_LABELS = { ai: 'AI 改写', local: '本地改写' } as const;

async function load(id: string, imageIndex: number) {
  const [post, preview] = await Promise.all([fetchPost(id), fetchPreview(id, imageIndex)]);
  return { post, preview };
}

/** HQ console: what three guides would get, side by side, changes highlighted. */
export function VariantPreview() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [imageIndex, setImageIndex] = useState(0);
  const data = useRemote(() => load(id, imageIndex), [id, imageIndex]);
  return (
    <View className="page variant-preview">
      <Remote state={data} loading="正在为导购生成变体…">
        {(loaded) => <PreviewBody {...loaded} imageIndex={imageIndex} onPickImage={setImageIndex} />}
      </Remote>
    </View>
  );
}

function PreviewBody({
  post,
  preview,
  imageIndex,
  onPickImage,
}: Awaited<ReturnType<typeof load>> & { imageIndex: number; onPickImage: (index: number) => void }) {
  return (
    <>
      <View className="variant-preview__head">
        <Text className="variant-preview__title">{post.title}</Text>
        <Text className="variant-preview__sub">
          文案 {STRENGTH_LABELS[post.variation.text]} · 配图 {STRENGTH_LABELS[post.variation.image]} · 高亮为系统改动处
        </Text>
      </View>
      {post.images.length > 1 ? (
        <View className="variant-preview__pick">
          {post.images.map((img, i) => (
            <View
              key={img.fileID}
              className={`variant-preview__pick-item${i === imageIndex ? ' variant-preview__pick-item--on' : ''}`}
              onClick={() => onPickImage(i)}
            >
              图{i + 1}
            </View>
          ))}
        </View>
      ) : null}
      <View className="variant-preview__cols">
        <View className="variant-preview__col variant-preview__col--original">
          <Text className="variant-preview__who">原文</Text>
          {preview.originalImage ? (
            <Image className="variant-preview__img" src={preview.originalImage.url} mode="aspectFill" />
          ) : null}
          <Text className="variant-preview__text">{preview.original}</Text>
        </View>
        {preview.variants.map((v) => (
          <View key={v.guideOpenid} className="variant-preview__col" data-testid="preview-column">
            <View className="variant-preview__who">
              <Text>{v.guideName}</Text>
              <Text
                className={`variant-preview__source variant-preview__source--${v.source ?? 'local'}`}
                data-testid="text-source"
              >
                {SOURCE_LABELS[v.source ?? 'local']}
              </Text>
            </View>
            {v.image ? <Image className="variant-preview__img" src={v.image.url} mode="aspectFill" /> : null}
            <Text className="variant-preview__text">
              {splitChanges(v.text, v.changes).map((s, i) =>
                s.kind ? (
                  <Text key={i} className={`variant-preview__hl variant-preview__hl--${s.kind}`} data-testid="change">
                    {s.text}
                  </Text>
                ) : (
                  <Text key={i}>{s.text}</Text>
                ),
              )}
            </Text>
            <Text className="variant-preview__count">
              {v.changes.length} 处改动
              {v.strength !== post.variation.text
                ? `（回退到${STRENGTH_LABELS[v.strength as keyof typeof STRENGTH_LABELS] ?? v.strength}）`
                : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className="variant-preview__legend">
        {Object.entries(KIND_LABELS).map(([k, label]) => (
          <Text key={k} className={`variant-preview__hl variant-preview__hl--${k} variant-preview__legend-item`}>
            {label}
          </Text>
        ))}
      </View>
      <Text className="variant-preview__note">价格、日期、时间、链接、#话题#、【】和保护词在所有变体中保持原样。</Text>
    </>
  );
}

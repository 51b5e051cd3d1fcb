import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { StateView } from '@/components/state-view';
import { userMessage } from '@/lib/cloud/errors';
import { fetchStoreList } from '@/features/account/api';
import { fetchTagRules } from '@/features/insight/api';
import { fetchPost, publishPost, savePost, type PostDetail } from './api';
import { analyseBody, FOLD_CHARS, FOLD_LINES } from './fold-hints';
import { formatWhen, fromDateTimeFields, STRENGTH_LABELS, toDateTimeFields } from './format';
import { CONTENT_ROUTES, withId } from './routes';
import { uploadImage } from './upload';
import './post-editor.scss';

const MAX_IMAGES = 9;
/** Interest tags per post (insight contract: MAX_TAGS_PER_POST). */
const MAX_TAGS = 5;
type Strength = keyof typeof STRENGTH_LABELS;
const STRENGTHS: Strength[] = ['off', 'subtle', 'standard'];

interface Slot {
  key: string;
  /** Local path while uploading, then the storage URL. */
  preview: string;
  fileID?: string;
  progress: number;
  failed?: boolean;
}

interface Draft {
  id?: string;
  title: string;
  body: string;
  images: Slot[];
  protectTerms: string[];
  /** Interest tags: readers who spend time on tagged posts get the tag (HQ's tag rules). */
  tags: string[];
  textStrength: Strength;
  imageStrength: Strength;
  storeIds: string[];
}

const EMPTY: Draft = {
  title: '',
  body: '',
  images: [],
  protectTerms: [],
  tags: [],
  textStrength: 'subtle',
  imageStrength: 'subtle',
  storeIds: [],
};

function fromDetail(p: PostDetail): Draft {
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    images: p.images.map((img) => ({ key: img.fileID, preview: img.url, fileID: img.fileID, progress: 1 })),
    protectTerms: p.protectTerms,
    tags: p.tags,
    textStrength: p.variation.text,
    imageStrength: p.variation.image,
    storeIds: p.storeIds,
  };
}

/** HQ console: write or edit a post, then save, preview, publish now or schedule. */
export function PostEditor() {
  const { params } = useRouter();
  const [draft, setDraft] = useState<Draft | null>(params.id ? null : EMPTY);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stores, setStores] = useState<{ id: string; name: string }[]>([]);

  useEffect(() => {
    if (params.id) {
      fetchPost(params.id).then(
        (p) => {
          if (p.status === 'published' || p.status === 'archived') setLoadError('已发布或已归档的素材不能修改');
          else setDraft(fromDetail(p));
        },
        (e: unknown) => setLoadError(userMessage(e)),
      );
    }
    fetchStoreList().then(setStores, () => setStores([]));
  }, [params.id]);

  if (loadError) return <StateView status="error" message={loadError} />;
  if (!draft) return <StateView status="loading" />;
  return <EditorForm initial={draft} stores={stores} />;
}

function EditorForm({ initial, stores }: { initial: Draft; stores: { id: string; name: string }[] }) {
  const [d, setD] = useState<Draft>(initial);
  const [term, setTerm] = useState('');
  const [tagText, setTagText] = useState('');
  const [ruleTags, setRuleTags] = useState<string[]>([]);
  useEffect(() => {
    fetchTagRules().then(
      (rules) => setRuleTags(rules.map((r) => r.tag)),
      () => setRuleTags([]),
    );
  }, []);
  const [busy, setBusy] = useState<null | 'save' | 'publish' | 'schedule' | 'preview'>(null);
  const [error, setError] = useState<string | null>(null);
  const later = toDateTimeFields(Date.now() + 3600_000);
  const [when, setWhen] = useState(later);
  const hints = useMemo(() => analyseBody(d.body), [d.body]);
  const uploading = d.images.some((s) => !s.fileID && !s.failed);
  const set = (patch: Partial<Draft>) => setD((cur) => ({ ...cur, ...patch }));

  const addImages = async () => {
    const room = MAX_IMAGES - d.images.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      paths = (await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
        .tempFilePaths;
    } catch {
      return; // cancelled
    }
    const batch = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const slots = paths.slice(0, room).map((p, i) => ({ key: `${batch}-${i}`, preview: p, progress: 0 }));
    setD((cur) => ({ ...cur, images: [...cur.images, ...slots] }));
    const update = (key: string, patch: Partial<Slot>) =>
      setD((cur) => ({ ...cur, images: cur.images.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
    await Promise.all(
      slots.map(async (slot) => {
        try {
          const fileID = await uploadImage(slot.preview, `posts/${batch}/${slot.key}.jpg`, (progress) =>
            update(slot.key, { progress }),
          );
          update(slot.key, { fileID, progress: 1 });
        } catch {
          update(slot.key, { failed: true });
        }
      }),
    );
  };

  const addTerm = () => {
    const t = term.trim();
    if (t && !d.protectTerms.includes(t) && d.protectTerms.length < 20) set({ protectTerms: [...d.protectTerms, t] });
    setTerm('');
  };

  const addTag = (raw: string) => {
    const t = raw.trim();
    if (t && t.length <= 12 && !d.tags.includes(t) && d.tags.length < MAX_TAGS) set({ tags: [...d.tags, t] });
    setTagText('');
  };

  const toggleStore = (id: string) =>
    set({ storeIds: d.storeIds.includes(id) ? d.storeIds.filter((s) => s !== id) : [...d.storeIds, id] });

  const save = async (): Promise<string> => {
    const res = await savePost({
      ...(d.id ? { id: d.id } : {}),
      title: d.title,
      body: d.body,
      images: d.images.flatMap((s) => (s.fileID ? [s.fileID] : [])),
      protectTerms: d.protectTerms,
      variation: { text: d.textStrength, image: d.imageStrength },
      storeIds: d.storeIds,
      tags: d.tags,
    });
    set({ id: res.id });
    return res.id;
  };

  const act = async (kind: 'save' | 'publish' | 'schedule' | 'preview') => {
    if (busy) return;
    if (uploading) {
      setError('图片还在上传，请稍候');
      return;
    }
    setBusy(kind);
    setError(null);
    try {
      const id = await save();
      if (kind === 'save') void Taro.showToast({ title: '已保存草稿', icon: 'success' });
      if (kind === 'preview') void Taro.navigateTo({ url: withId(CONTENT_ROUTES.postPreview, id) });
      if (kind === 'publish' || kind === 'schedule') {
        const at = kind === 'schedule' ? fromDateTimeFields(when.date, when.time) : undefined;
        if (at !== undefined && !Number.isFinite(at)) throw new Error('bad time');
        const res = await publishPost(id, at);
        void Taro.showToast({
          title: res.status === 'published' ? '已发布' : `将于${formatWhen(res.publishAt ?? 0)}发布`,
          icon: 'success',
        });
        setTimeout(() => void Taro.redirectTo({ url: CONTENT_ROUTES.postList }), 600);
      }
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page post-editor">
      <View className="section-title">标题（仅总部和导购列表可见）</View>
      <View className="card post-editor__field">
        <Input
          className="post-editor__input"
          value={d.title}
          maxlength={40}
          placeholder="例如：3月8日 春日焕新"
          onInput={(e) => set({ title: e.detail.value })}
          data-testid="title"
        />
      </View>

      <View className="section-title">朋友圈文案</View>
      <View className="card post-editor__field">
        <Textarea
          className="post-editor__textarea"
          value={d.body}
          maxlength={2000}
          autoHeight
          placeholder="导购一键复制的正文；价格、日期、话题和保护词不会被改动"
          onInput={(e) => set({ body: e.detail.value })}
          data-testid="body"
        />
        <View className="post-editor__hints" data-testid="fold-hints">
          <Text className={hints.lines > FOLD_LINES ? 'post-editor__warn' : ''}>
            {hints.lines}/{FOLD_LINES} 行
          </Text>
          <Text className={hints.chars > FOLD_CHARS ? 'post-editor__warn' : ''}>
            {' '}
            · {hints.chars}/{FOLD_CHARS} 字
          </Text>
        </View>
        {hints.folded ? (
          <Text className="post-editor__note post-editor__note--warn">
            粘贴到朋友圈超过约 {FOLD_LINES} 行或 {FOLD_CHARS}{' '}
            字会被折叠成一行。建议精简；或提示导购先自己打一句开头，再粘贴正文。
          </Text>
        ) : (
          <Text className="post-editor__note">文案较短，粘贴后会完整显示。导购自己打的第一句不会被折叠。</Text>
        )}
        {hints.absoluteWords.length ? (
          <Text className="post-editor__note post-editor__note--danger" data-testid="absolute-words">
            含广告法禁用的绝对化用语：{hints.absoluteWords.join('、')}。建议改写，否则可能无法通过内容安全检测。
          </Text>
        ) : null}
      </View>

      <View className="section-title">
        配图（{d.images.length}/{MAX_IMAGES}）
      </View>
      <View className="card post-editor__images">
        {d.images.map((s, i) => (
          <View key={s.key} className="post-editor__thumb" data-testid="image-slot">
            <Image className="post-editor__thumb-img" src={s.preview} mode="aspectFill" />
            {!s.fileID ? (
              <View className="post-editor__thumb-mask">
                {s.failed ? '上传失败' : `${Math.round(s.progress * 100)}%`}
              </View>
            ) : null}
            <View
              className="post-editor__thumb-remove"
              onClick={() => set({ images: d.images.filter((_, j) => j !== i) })}
            >
              ×
            </View>
          </View>
        ))}
        {d.images.length < MAX_IMAGES ? (
          <View
            className="post-editor__thumb post-editor__thumb--add"
            onClick={() => void addImages()}
            data-testid="add-image"
          >
            +
          </View>
        ) : null}
      </View>

      <View className="section-title">兴趣标签（会员读这类内容够久，会被自动打上标签）</View>
      <View className="card post-editor__field">
        <View className="post-editor__chips">
          {d.tags.map((t) => (
            <View
              key={t}
              className="post-editor__chip"
              data-testid="post-tag"
              onClick={() => set({ tags: d.tags.filter((x) => x !== t) })}
            >
              {t} ×
            </View>
          ))}
          {ruleTags
            .filter((t) => !d.tags.includes(t))
            .map((t) => (
              <View key={`rule-${t}`} className="post-editor__chip post-editor__chip--ghost" onClick={() => addTag(t)}>
                + {t}
              </View>
            ))}
        </View>
        <View className="post-editor__term-row">
          <Input
            className="post-editor__input"
            value={tagText}
            maxlength={12}
            placeholder={`最多 ${MAX_TAGS} 个，如：护肤、茶饮`}
            onInput={(e) => setTagText(e.detail.value)}
            onConfirm={() => addTag(tagText)}
            data-testid="tag-input"
          />
          <View className="post-editor__small-btn" onClick={() => addTag(tagText)} data-testid="add-tag">
            添加
          </View>
        </View>
      </View>

      <View className="section-title">保护词（品牌名、产品名，变体中保持原样）</View>
      <View className="card post-editor__field">
        <View className="post-editor__chips">
          {d.protectTerms.map((t) => (
            <View
              key={t}
              className="post-editor__chip"
              onClick={() => set({ protectTerms: d.protectTerms.filter((x) => x !== t) })}
            >
              {t} ×
            </View>
          ))}
        </View>
        <View className="post-editor__term-row">
          <Input
            className="post-editor__input"
            value={term}
            maxlength={30}
            placeholder="输入后点添加"
            onInput={(e) => setTerm(e.detail.value)}
            onConfirm={addTerm}
            data-testid="term"
          />
          <View className="post-editor__small-btn" onClick={addTerm} data-testid="add-term">
            添加
          </View>
        </View>
      </View>

      <View className="section-title">每位导购的差异化程度</View>
      <View className="card post-editor__field">
        <StrengthRow label="文案" value={d.textStrength} onChange={(v) => set({ textStrength: v })} />
        <StrengthRow label="配图" value={d.imageStrength} onChange={(v) => set({ imageStrength: v })} />
        <Text className="post-editor__note">
          “轻微”几乎看不出差别；“标准”差别更大。系统为每位导购生成不同的文案和配图，避免大量完全相同的转发。
        </Text>
      </View>

      <View className="section-title">发布门店</View>
      <View className="card post-editor__field">
        <View className="post-editor__chips">
          <View
            className={`post-editor__chip${d.storeIds.length === 0 ? ' post-editor__chip--on' : ''}`}
            onClick={() => set({ storeIds: [] })}
          >
            全部门店
          </View>
          {stores.map((s) => (
            <View
              key={s.id}
              className={`post-editor__chip${d.storeIds.includes(s.id) ? ' post-editor__chip--on' : ''}`}
              onClick={() => toggleStore(s.id)}
            >
              {s.name}
            </View>
          ))}
        </View>
      </View>

      <View className="section-title">定时发布</View>
      <View className="card post-editor__field post-editor__when">
        <Picker mode="date" value={when.date} onChange={(e) => setWhen({ ...when, date: String(e.detail.value) })}>
          <View className="post-editor__picker">{when.date}</View>
        </Picker>
        <Picker mode="time" value={when.time} onChange={(e) => setWhen({ ...when, time: String(e.detail.value) })}>
          <View className="post-editor__picker">{when.time}</View>
        </Picker>
        <View className="post-editor__small-btn" onClick={() => void act('schedule')} data-testid="schedule">
          {busy === 'schedule' ? '检测中…' : '定时发布'}
        </View>
      </View>

      {error ? (
        <Text className="post-editor__error" data-testid="editor-error">
          {error}
        </Text>
      ) : null}
      <View className="post-editor__bar">
        <View className="post-editor__btn" onClick={() => void act('save')} data-testid="save">
          {busy === 'save' ? '保存中…' : '存草稿'}
        </View>
        <View className="post-editor__btn" onClick={() => void act('preview')} data-testid="preview">
          预览变体
        </View>
        <View
          className="post-editor__btn post-editor__btn--primary"
          onClick={() => void act('publish')}
          data-testid="publish"
        >
          {busy === 'publish' ? '内容检测中…' : '立即发布'}
        </View>
      </View>
    </View>
  );
}

function StrengthRow({ label, value, onChange }: { label: string; value: Strength; onChange: (v: Strength) => void }) {
  return (
    <View className="post-editor__strength">
      <Text className="post-editor__strength-label">{label}</Text>
      <View className="post-editor__segments">
        {STRENGTHS.map((s) => (
          <View
            key={s}
            className={`post-editor__segment${s === value ? ' post-editor__segment--on' : ''}`}
            onClick={() => onChange(s)}
          >
            {STRENGTH_LABELS[s]}
          </View>
        ))}
      </View>
    </View>
  );
}

import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MAX_PROTECT_TERM_LENGTH, MAX_PROTECT_TERMS, MAX_TAG_LENGTH, MAX_TAGS_PER_POST, MAX_TITLE } from '@core/limits';
import { ChipInput, type ChipInputProps } from '@/components/chip-input';
import { Remote } from '@/components/remote';
import { fetchStoreList } from '@/features/account/api';
import { fetchTagRules } from '@/features/insight/api';
import { useRemote } from '@/lib/use-remote';
import { BodyField } from './body-field';
import { formatWhen, fromDateTimeFields, STRENGTH_LABELS, toDateTimeFields } from './format';
import { ImageSlots } from './image-slots';
import { checkImagesPublishable, type Draft, type Strength } from './post-draft';
import { useImageChecks } from './use-image-checks';
import { CONTENT_ROUTES, withId } from './routes';
import { usePostDraft, type DraftAction, type PostDraft } from './use-post-draft';
import './post-editor.scss';

const STRENGTHS: readonly Strength[] = ['off', 'subtle', 'standard'];

/** The two chip lists of a post: interest tags and protected terms, with the limits the server keeps. */
const CHIP_FIELDS = [
  {
    key: 'tags',
    title: '兴趣标签（会员读这类内容够久，会被自动打上标签）',
    max: MAX_TAGS_PER_POST,
    maxLength: MAX_TAG_LENGTH,
    placeholder: '如：护肤、茶饮',
    testIds: { input: 'tag-input', add: 'add-tag', chip: 'post-tag' },
  },
  {
    key: 'protectTerms',
    title: '保护词（品牌名、产品名，变体中保持原样）',
    max: MAX_PROTECT_TERMS,
    maxLength: MAX_PROTECT_TERM_LENGTH,
    placeholder: '输入后点添加',
    testIds: { input: 'term', add: 'add-term' },
  },
] as const satisfies readonly (Omit<ChipInputProps, 'values' | 'onChange'> & { key: keyof Draft; title: string })[];

/** HQ console: write or edit a post, then save, preview, publish now or schedule. */
export function PostEditor() {
  const { params } = useRouter();
  const post = usePostDraft(params.id);
  return (
    <View className="page post-editor">
      <Remote state={post.state}>{(draft) => <EditorForm draft={draft} post={post} />}</Remote>
    </View>
  );
}

function EditorForm({ draft, post }: { draft: Draft; post: PostDraft }) {
  const { edit, busy } = post;
  // Tags HQ's tag rules already use, offered with one tap.
  const tagRules = useRemote(fetchTagRules);
  const ruleTags = tagRules.status === 'ready' ? tagRules.data.map((rule) => rule.tag) : [];
  useImageChecks(draft.images, (checks) =>
    edit((d) => ({
      ...d,
      images: d.images.map((slot) => {
        const check = slot.fileID ? checks.get(slot.fileID) : undefined;
        return check ? { ...slot, check } : slot;
      }),
    })),
  );
  // Publishing waits for every image's verdict and refuses a refused image, as the server does.
  const imageBlock = checkImagesPublishable(draft);

  const submit = async (action: DraftAction, publishAt?: number) => {
    if (action === 'save' || action === 'preview') {
      const id = await post.save(action);
      if (id && action === 'save') void Taro.showToast({ title: '已保存草稿', icon: 'success' });
      if (id && action === 'preview') void Taro.navigateTo({ url: withId(CONTENT_ROUTES.postPreview, id) });
      return;
    }
    if (imageBlock) return;
    const published = await post.publish(publishAt);
    if (!published) return;
    void Taro.showToast({
      title: published.status === 'published' ? '已发布' : `将于${formatWhen(published.publishAt ?? 0)}发布`,
      icon: 'success',
    });
    setTimeout(() => void Taro.redirectTo({ url: CONTENT_ROUTES.postList }), 600);
  };

  return (
    <>
      <View className="section-title">标题（仅总部和导购列表可见）</View>
      <View className="card post-editor__field">
        <Input
          className="post-editor__input"
          value={draft.title}
          maxlength={MAX_TITLE}
          placeholder="例如：3月8日 春日焕新"
          onInput={(e) => edit({ title: e.detail.value })}
          data-testid="title"
        />
      </View>

      <View className="section-title">朋友圈文案</View>
      <BodyField body={draft.body} onChange={(body) => edit({ body })} />

      <ImageSlots slots={draft.images} onChange={(change) => edit((d) => ({ ...d, images: change(d.images) }))} />

      {CHIP_FIELDS.map(({ key, ...field }) => (
        <ChipField
          key={key}
          {...field}
          values={draft[key]}
          onChange={(values) => edit({ [key]: values })}
          suggestions={key === 'tags' ? ruleTags : undefined}
        />
      ))}

      <View className="section-title">每位导购的差异化程度</View>
      <View className="card post-editor__field">
        <StrengthRow label="文案" value={draft.textStrength} onChange={(v) => edit({ textStrength: v })} />
        <StrengthRow label="配图" value={draft.imageStrength} onChange={(v) => edit({ imageStrength: v })} />
        <Text className="post-editor__note">
          “轻微”几乎看不出差别；“标准”差别更大。系统为每位导购生成不同的文案和配图，避免大量完全相同的转发。
        </Text>
      </View>

      <View className="section-title">发布门店</View>
      <StorePicker chosen={draft.storeIds} onChange={(storeIds) => edit({ storeIds })} />

      <View className="section-title">定时发布</View>
      <ScheduleRow busy={busy === 'schedule'} onSchedule={(at) => void submit('schedule', at)} />

      {post.error ? (
        <Text className="post-editor__error" data-testid="editor-error">
          {post.error.message}
        </Text>
      ) : null}
      {imageBlock ? (
        <Text className="post-editor__error" data-testid="publish-block">
          {imageBlock.message}
        </Text>
      ) : null}
      <View className="post-editor__bar">
        <View className="post-editor__btn" onClick={() => void submit('save')} data-testid="save">
          {busy === 'save' ? '保存中…' : '存草稿'}
        </View>
        <View className="post-editor__btn" onClick={() => void submit('preview')} data-testid="preview">
          {busy === 'preview' ? '保存中…' : '预览变体'}
        </View>
        <View
          className={`post-editor__btn post-editor__btn--primary${imageBlock ? ' post-editor__btn--off' : ''}`}
          aria-disabled={imageBlock ? 'true' : undefined}
          onClick={() => void submit('publish')}
          data-testid="publish"
        >
          {busy === 'publish' ? '内容检测中…' : '立即发布'}
        </View>
      </View>
    </>
  );
}

function ChipField({ title, ...chips }: ChipInputProps & { title: string }) {
  return (
    <>
      <View className="section-title">{title}</View>
      <View className="card post-editor__field">
        <ChipInput {...chips} />
      </View>
    </>
  );
}

function StrengthRow(props: { label: string; value: Strength; onChange: (value: Strength) => void }) {
  return (
    <View className="post-editor__strength">
      <Text className="post-editor__strength-label">{props.label}</Text>
      <View className="post-editor__segments">
        {STRENGTHS.map((strength) => (
          <View
            key={strength}
            className={`post-editor__segment${strength === props.value ? ' post-editor__segment--on' : ''}`}
            onClick={() => props.onChange(strength)}
          >
            {STRENGTH_LABELS[strength]}
          </View>
        ))}
      </View>
    </View>
  );
}

/** Which stores get the post: every store (nothing chosen), or the chosen ones. */
function StorePicker({ chosen, onChange }: { chosen: string[]; onChange: (storeIds: string[]) => void }) {
  const stores = useRemote(fetchStoreList);
  const chip = (on: boolean) => `post-editor__chip${on ? ' post-editor__chip--on' : ''}`;
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((s) => s !== id) : [...chosen, id]);
  return (
    <View className="card post-editor__field">
      <Remote state={stores} compact isEmpty={() => false}>
        {(all) => (
          <View className="post-editor__chips">
            <View className={chip(chosen.length === 0)} onClick={() => onChange([])}>
              全部门店
            </View>
            {all.map((store) => (
              <View key={store.id} className={chip(chosen.includes(store.id))} onClick={() => toggle(store.id)}>
                {store.name}
              </View>
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}

/** A date and time pickers, and the button that publishes then (China time, as HQ means it). */
function ScheduleRow({ busy, onSchedule }: { busy: boolean; onSchedule: (publishAt: number) => void }) {
  const [when, setWhen] = useState(() => toDateTimeFields(Date.now() + 3600_000));
  return (
    <View className="card post-editor__field post-editor__when">
      <Picker mode="date" value={when.date} onChange={(e) => setWhen({ ...when, date: String(e.detail.value) })}>
        <View className="post-editor__picker">{when.date}</View>
      </Picker>
      <Picker mode="time" value={when.time} onChange={(e) => setWhen({ ...when, time: String(e.detail.value) })}>
        <View className="post-editor__picker">{when.time}</View>
      </Picker>
      <View
        className="post-editor__small-btn"
        onClick={() => onSchedule(fromDateTimeFields(when.date, when.time))}
        data-testid="schedule"
      >
        {busy ? '检测中…' : '定时发布'}
      </View>
    </View>
  );
}

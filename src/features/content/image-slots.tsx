import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { MAX_IMAGES } from '@core/limits';
import type { ImageSlot } from './post-draft';
import { uploadImage } from './upload';
import './image-slots.scss';

/** A change to the slots, applied to the latest list (uploads report progress while HQ edits). */
export type SlotsChange = (slots: ImageSlot[]) => ImageSlot[];

export interface ImageSlotsProps {
  slots: readonly ImageSlot[];
  onChange: (change: SlotsChange) => void;
}

/** `slots` with the one keyed `key` moved one place earlier (-1) or later (1); the first image is the cover. */
export function moveSlot(slots: readonly ImageSlot[], key: string, by: -1 | 1): ImageSlot[] {
  const from = slots.findIndex((slot) => slot.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= slots.length) return [...slots];
  const next = [...slots];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

const patchSlot =
  (key: string, patch: Partial<ImageSlot>): SlotsChange =>
  (slots) =>
    slots.map((slot) => (slot.key === key ? { ...slot, ...patch } : slot));

/**
 * Chooses up to the room left, shows each at once and uploads them side by side, each with its
 * own progress; a failed upload stays on screen, marked, until it is removed.
 */
async function chooseAndUpload(room: number, onChange: (change: SlotsChange) => void): Promise<void> {
  let paths: string[];
  try {
    const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    paths = chosen.tempFilePaths.slice(0, room);
  } catch {
    return; // HQ closed the picker
  }
  const batch = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const added: ImageSlot[] = paths.map((path, i) => ({ key: `${batch}-${i}`, preview: path, progress: 0 }));
  // The limit holds however quickly two pickers were opened.
  onChange((slots) => [...slots, ...added].slice(0, MAX_IMAGES));
  await Promise.all(
    added.map(async (slot) => {
      try {
        const fileID = await uploadImage(slot.preview, `posts/${batch}/${slot.key}.jpg`, (progress) =>
          onChange(patchSlot(slot.key, { progress })),
        );
        onChange(patchSlot(slot.key, { fileID, progress: 1 }));
      } catch {
        onChange(patchSlot(slot.key, { failed: true }));
      }
    }),
  );
}

/** A stored image's content check on its slot: 检测中, the refusal with its reason, or 未检测. */
function CheckMark({ slot }: { slot: ImageSlot }) {
  const status = slot.check?.status ?? 'pending';
  if (status === 'pass') return null;
  if (status === 'risky' || status === 'review') {
    return (
      <View className="image-slots__mask image-slots__mask--refused" data-testid="image-check-refused">
        <Text className="image-slots__refused-title">{status === 'risky' ? '未通过检测' : '需人工复核'}</Text>
        <Text className="image-slots__refused-reason">{slot.check?.reason ?? '疑似违规内容'}</Text>
        <Text className="image-slots__refused-hint">请移除或更换</Text>
      </View>
    );
  }
  return (
    <Text className="image-slots__badge" data-testid="image-check-state">
      {status === 'unchecked' ? '未检测' : '检测中'}
    </Text>
  );
}

/** The post's images: add (up to MAX_IMAGES), watch each upload, move one earlier or later, remove. */
export function ImageSlots({ slots, onChange }: ImageSlotsProps) {
  const room = MAX_IMAGES - slots.length;
  const last = slots.length - 1;
  return (
    <>
      <View className="section-title">
        配图（{slots.length}/{MAX_IMAGES}）
      </View>
      <View className="card image-slots">
        {slots.map((slot, i) => (
          <View key={slot.key} className="image-slots__slot" data-testid="image-slot">
            <Image className="image-slots__img" src={slot.preview} mode="aspectFill" />
            {i === 0 ? <Text className="image-slots__cover">封面</Text> : null}
            {slot.fileID ? (
              <CheckMark slot={slot} />
            ) : (
              <View className="image-slots__mask" data-testid="upload-progress">
                {slot.failed ? '上传失败' : `${Math.round(slot.progress * 100)}%`}
              </View>
            )}
            <View
              className="image-slots__remove"
              aria-label={`移除第 ${i + 1} 张`}
              onClick={() => onChange((all) => all.filter((s) => s.key !== slot.key))}
            >
              ×
            </View>
            {slots.length > 1 ? (
              <View className="image-slots__moves">
                <View
                  className={`image-slots__move${i === 0 ? ' image-slots__move--off' : ''}`}
                  aria-label={`第 ${i + 1} 张前移`}
                  onClick={() => onChange((all) => moveSlot(all, slot.key, -1))}
                >
                  ‹
                </View>
                <View
                  className={`image-slots__move${i === last ? ' image-slots__move--off' : ''}`}
                  aria-label={`第 ${i + 1} 张后移`}
                  onClick={() => onChange((all) => moveSlot(all, slot.key, 1))}
                >
                  ›
                </View>
              </View>
            ) : null}
          </View>
        ))}
        {room > 0 ? (
          <View
            className="image-slots__slot image-slots__slot--add"
            onClick={() => void chooseAndUpload(room, onChange)}
            data-testid="add-image"
          >
            +
          </View>
        ) : null}
      </View>
    </>
  );
}

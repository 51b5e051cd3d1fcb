/**
 * The guide's one tap: copy the variant text, then save every image to the album, with progress.
 * Written against a small API object so the flow (privacy consent, album permission denied →
 * explain → settings → retry) is tested without a phone; `taroSaveApi()` binds it to Taro. Every
 * failure is a SaveError whose `kind` is one of SAVE_FAILURES, so the page never reads platform text.
 */
import Taro from '@tarojs/taro';
import { env } from '@/lib/env';

export interface SaveApi {
  platform: 'weapp' | 'h5';
  /** Resolves when the user has agreed to the privacy guide (weapp); rejects when they decline. */
  requirePrivacy(): Promise<void>;
  setClipboard(text: string): Promise<void>;
  /** true granted, false denied before, undefined never asked. */
  albumPermission(): Promise<boolean | undefined>;
  /** Asks for the album permission; resolves false when the user refuses. */
  authorizeAlbum(): Promise<boolean>;
  /** Opens the settings page; resolves with whether the album is now allowed. */
  openSettings(): Promise<boolean>;
  /** Explains why the album is needed; resolves true when the user wants to open settings. */
  explainAlbum(): Promise<boolean>;
  download(url: string): Promise<string>;
  saveImage(tempPath: string): Promise<void>;
}

/** Every way the one tap can stop; each has the Chinese message the guide sees. */
export const SAVE_FAILURES = {
  /** The guide did not agree to the privacy guide (weapp). */
  'privacy-declined': '需要同意隐私保护指引后才能复制和保存',
  /** No album permission, and the guide did not turn it on in settings. */
  'permission-denied': '没有相册权限，图片未保存',
  /** The system refused to write the clipboard. */
  'clipboard-denied': '复制失败，请长按文案手动复制',
  /** An image did not arrive from storage. */
  'download-failed': '图片下载失败，请检查网络后重试',
  /** The album refused an image for another reason than the permission (e.g. no space left). */
  'save-failed': '图片保存失败，请检查手机存储空间后重试',
} as const;

export type SaveFailure = keyof typeof SAVE_FAILURES;

export class SaveError extends Error {
  constructor(
    readonly kind: SaveFailure,
    /** What the platform said, for logs; never shown. */
    readonly platformError?: unknown,
  ) {
    super(SAVE_FAILURES[kind]);
    this.name = 'SaveError';
  }
}

/** A save failure that is the album permission (as opposed to the network or the file). */
export function isAlbumDenied(e: unknown): boolean {
  const errMsg = typeof e === 'object' && e !== null ? (e as { errMsg?: unknown }).errMsg : undefined;
  const msg = typeof errMsg === 'string' ? errMsg : e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return /auth den|auth deny|authorize|permission|scope/i.test(msg);
}

/** Runs one platform step; its failure becomes a SaveError of `kind` (a SaveError passes as it is). */
async function step<T>(kind: SaveFailure, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof SaveError ? e : new SaveError(kind, e);
  }
}

async function ensureAlbum(api: SaveApi): Promise<void> {
  if (api.platform !== 'weapp') return;
  const state = await step('permission-denied', () => api.albumPermission());
  if (state === true) return;
  if (state === undefined && (await step('permission-denied', () => api.authorizeAlbum()))) return;
  await recoverAlbum(api);
}

/** Denied: say why, offer the settings page, and go on only if the permission is now there. */
async function recoverAlbum(api: SaveApi): Promise<void> {
  const allowed = await step('permission-denied', async () => (await api.explainAlbum()) && api.openSettings());
  if (!allowed) throw new SaveError('permission-denied');
}

const requirePrivacy = (api: SaveApi) => step('privacy-declined', () => api.requirePrivacy());

/** Puts the text on the clipboard; fails with a SaveError. */
export async function copyText(api: SaveApi, text: string): Promise<void> {
  await requirePrivacy(api);
  await step('clipboard-denied', () => api.setClipboard(text));
}

/** Saves one downloaded image; when the permission was lost, recovers it and saves the same image again. */
async function saveOne(api: SaveApi, path: string): Promise<void> {
  try {
    await api.saveImage(path);
    return;
  } catch (e) {
    if (api.platform !== 'weapp' || !isAlbumDenied(e)) throw new SaveError('save-failed', e);
  }
  await recoverAlbum(api);
  await step('save-failed', () => api.saveImage(path));
}

/**
 * Saves each image in order; `onProgress(done, total)` after each. A permission lost mid-way (the
 * user revoked it) goes through the same recovery and continues from the image that failed.
 * Fails with a SaveError.
 */
export async function saveImages(
  api: SaveApi,
  urls: readonly string[],
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  if (urls.length === 0) return;
  await requirePrivacy(api);
  await ensureAlbum(api);
  onProgress(0, urls.length);
  for (let i = 0; i < urls.length; i++) {
    const path = await step('download-failed', () => api.download(urls[i] as string));
    await saveOne(api, path);
    onProgress(i + 1, urls.length);
  }
}

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

type PrivacyTaro = { requirePrivacyAuthorize?: (o: { success: () => void; fail: (e: unknown) => void }) => void };

export function taroSaveApi(): SaveApi {
  return {
    platform: env.platform,
    requirePrivacy: () =>
      new Promise<void>((resolve, reject) => {
        const t = Taro as unknown as PrivacyTaro;
        // Older base libraries have no privacy API: nothing to ask there.
        if (env.platform !== 'weapp' || typeof t.requirePrivacyAuthorize !== 'function') return resolve();
        t.requirePrivacyAuthorize({ success: () => resolve(), fail: reject });
      }),
    setClipboard: async (data) => {
      await Taro.setClipboardData({ data });
    },
    albumPermission: async () => {
      const { authSetting } = await Taro.getSetting();
      return (authSetting as Record<string, boolean | undefined>)[ALBUM_SCOPE];
    },
    authorizeAlbum: () =>
      Taro.authorize({ scope: ALBUM_SCOPE }).then(
        () => true,
        () => false,
      ),
    openSettings: async () => {
      const { authSetting } = await Taro.openSetting();
      return (authSetting as Record<string, boolean | undefined>)[ALBUM_SCOPE] === true;
    },
    explainAlbum: async () => {
      const res = await Taro.showModal({
        title: '需要相册权限',
        content: '保存图片需要“添加到相册”权限。请在设置页打开“添加到相册”，再返回继续保存。',
        confirmText: '去设置',
        cancelText: '暂不',
      });
      return res.confirm;
    },
    download: async (url) => {
      const res = await Taro.downloadFile({ url });
      if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
      return res.tempFilePath;
    },
    saveImage: async (filePath) => {
      await Taro.saveImageToPhotosAlbum({ filePath });
    },
  };
}

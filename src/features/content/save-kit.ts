/**
 * The guide's one tap: copy the variant text, then save every image to the album, with progress.
 * Written against a small API object so the flow (privacy consent, album permission denied →
 * explain → settings → retry) is tested without a phone; `taroSaveApi()` binds it to Taro.
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

export class SaveCancelled extends Error {
  constructor(readonly reason: 'privacy' | 'album') {
    super(reason === 'privacy' ? '需要同意隐私保护指引后才能复制和保存' : '没有相册权限，图片未保存');
    this.name = 'SaveCancelled';
  }
}

/** A save failure that is the album permission (as opposed to the network or the file). */
export function isAlbumDenied(e: unknown): boolean {
  const errMsg = typeof e === 'object' && e !== null ? (e as { errMsg?: unknown }).errMsg : undefined;
  const msg = typeof errMsg === 'string' ? errMsg : e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return /auth den|auth deny|authorize|permission|scope/i.test(msg);
}

async function ensureAlbum(api: SaveApi): Promise<void> {
  if (api.platform !== 'weapp') return;
  const state = await api.albumPermission();
  if (state === true) return;
  if (state === undefined && (await api.authorizeAlbum())) return;
  await recoverAlbum(api);
}

/** Denied: say why, offer the settings page, and go on only if the permission is now there. */
async function recoverAlbum(api: SaveApi): Promise<void> {
  if (!(await api.explainAlbum())) throw new SaveCancelled('album');
  if (!(await api.openSettings())) throw new SaveCancelled('album');
}

export async function copyText(api: SaveApi, text: string): Promise<void> {
  await api.requirePrivacy().catch(() => {
    throw new SaveCancelled('privacy');
  });
  await api.setClipboard(text);
}

/**
 * Saves each image in order; `onProgress(done, total)` after each. A permission lost mid-way (the
 * user revoked it) goes through the same recovery and continues from the image that failed.
 */
export async function saveImages(
  api: SaveApi,
  urls: readonly string[],
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  if (urls.length === 0) return;
  await api.requirePrivacy().catch(() => {
    throw new SaveCancelled('privacy');
  });
  await ensureAlbum(api);
  onProgress(0, urls.length);
  for (let i = 0; i < urls.length; i++) {
    const path = await api.download(urls[i] as string);
    try {
      await api.saveImage(path);
    } catch (e) {
      if (api.platform !== 'weapp' || !isAlbumDenied(e)) throw e;
      await recoverAlbum(api);
      await api.saveImage(path);
    }
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

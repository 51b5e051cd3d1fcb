import { copyText, isAlbumDenied, SaveCancelled, saveImages, type SaveApi } from './save-kit';

function fakeApi(over: Partial<SaveApi> = {}) {
  const saved: string[] = [];
  const api: SaveApi = {
    platform: 'weapp',
    requirePrivacy: jest.fn(async () => undefined),
    setClipboard: jest.fn(async () => undefined),
    albumPermission: jest.fn(async () => true as boolean | undefined),
    authorizeAlbum: jest.fn(async () => true),
    openSettings: jest.fn(async () => true),
    explainAlbum: jest.fn(async () => true),
    download: jest.fn(async (url: string) => `tmp:${url}`),
    saveImage: jest.fn(async (p: string) => void saved.push(p)),
    ...over,
  };
  return { api, saved };
}

const URLS = ['u1', 'u2', 'u3'];

describe('one-tap save', () => {
  it('saves every image in order and reports 1/3, 2/3, 3/3', async () => {
    const { api, saved } = fakeApi();
    const progress: string[] = [];
    await saveImages(api, URLS, (d, t) => progress.push(`${d}/${t}`));
    expect(saved).toEqual(['tmp:u1', 'tmp:u2', 'tmp:u3']);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
  });

  it('asks for the album permission the first time', async () => {
    const { api, saved } = fakeApi({ albumPermission: jest.fn(async () => undefined) });
    await saveImages(api, URLS, () => undefined);
    expect(api.authorizeAlbum).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(3);
  });

  it('after a denial explains, opens settings and goes on once allowed', async () => {
    const { api, saved } = fakeApi({ albumPermission: jest.fn(async () => false) });
    await saveImages(api, URLS, () => undefined);
    expect(api.explainAlbum).toHaveBeenCalledTimes(1);
    expect(api.openSettings).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(3);
  });

  it('stops without saving when the guide keeps the album closed', async () => {
    const { api, saved } = fakeApi({ albumPermission: jest.fn(async () => false), openSettings: jest.fn(async () => false) });
    await expect(saveImages(api, URLS, () => undefined)).rejects.toEqual(new SaveCancelled('album'));
    expect(saved).toHaveLength(0);
  });

  it('retries the image that failed when the permission was lost mid-way', async () => {
    let calls = 0;
    const saved: string[] = [];
    const { api } = fakeApi({
      saveImage: jest.fn(async (p: string) => {
        calls++;
        if (calls === 2) throw { errMsg: 'saveImageToPhotosAlbum:fail auth deny' };
        saved.push(p);
      }),
    });
    await saveImages(api, URLS, () => undefined);
    expect(saved).toEqual(['tmp:u1', 'tmp:u2', 'tmp:u3']);
    expect(api.openSettings).toHaveBeenCalledTimes(1);
  });

  it('does not touch the clipboard or album without privacy consent', async () => {
    const { api, saved } = fakeApi({ requirePrivacy: jest.fn(async () => Promise.reject(new Error('declined'))) });
    await expect(copyText(api, 'hi')).rejects.toEqual(new SaveCancelled('privacy'));
    await expect(saveImages(api, URLS, () => undefined)).rejects.toEqual(new SaveCancelled('privacy'));
    expect(api.setClipboard).not.toHaveBeenCalled();
    expect(saved).toHaveLength(0);
  });

  it('on H5 neither asks for album permission nor opens settings', async () => {
    const { api, saved } = fakeApi({ platform: 'h5', albumPermission: jest.fn(async () => false) });
    await saveImages(api, URLS, () => undefined);
    expect(api.albumPermission).not.toHaveBeenCalled();
    expect(saved).toHaveLength(3);
  });

  it('tells a permission failure from a network one', () => {
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })).toBe(true);
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail authorize no response' })).toBe(true);
    expect(isAlbumDenied(new Error('download 404'))).toBe(false);
  });
});

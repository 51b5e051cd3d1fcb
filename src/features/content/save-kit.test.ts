import { copyText, isAlbumDenied, SaveCancelled, saveImages, type SaveApi } from './save-kit';

/** A phone in a known state: each call is a jest.fn the test can inspect. */
function fakePhone(
  over: {
    platform?: 'weapp' | 'h5';
    privacy?: boolean;
    permission?: boolean;
    settingsGrant?: boolean;
    failSaveAt?: number;
  } = {},
) {
  const saved: string[] = [];
  let saves = 0;
  const fns = {
    requirePrivacy: jest.fn(() => (over.privacy === false ? Promise.reject(new Error('declined')) : Promise.resolve())),
    setClipboard: jest.fn((_text: string) => Promise.resolve()),
    albumPermission: jest.fn(() => Promise.resolve(over.permission === undefined ? true : over.permission)),
    authorizeAlbum: jest.fn(() => Promise.resolve(true)),
    openSettings: jest.fn(() => Promise.resolve(over.settingsGrant ?? true)),
    explainAlbum: jest.fn(() => Promise.resolve(true)),
    download: jest.fn((url: string) => Promise.resolve(`tmp:${url}`)),
    saveImage: jest.fn((p: string) => {
      saves++;
      if (saves === over.failSaveAt)
        return Promise.reject(Object.assign(new Error('x'), { errMsg: 'saveImageToPhotosAlbum:fail auth deny' }));
      saved.push(p);
      return Promise.resolve();
    }),
  };
  const api: SaveApi = { platform: over.platform ?? 'weapp', ...fns };
  return { api, fns, saved };
}

/** A phone where the album permission was never asked. */
function neverAsked() {
  const phone = fakePhone();
  phone.fns.albumPermission.mockImplementation(() => Promise.resolve(undefined as unknown as boolean));
  return phone;
}

const URLS = ['u1', 'u2', 'u3'];
const ignore = () => undefined;

describe('one-tap save', () => {
  it('saves every image in order and reports 1/3, 2/3, 3/3', async () => {
    const { api, saved } = fakePhone();
    const progress: string[] = [];
    await saveImages(api, URLS, (d, t) => progress.push(`${d}/${t}`));
    expect(saved).toEqual(['tmp:u1', 'tmp:u2', 'tmp:u3']);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
  });

  it('asks for the album permission the first time', async () => {
    const { api, fns, saved } = neverAsked();
    await saveImages(api, URLS, ignore);
    expect(fns.authorizeAlbum).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(3);
  });

  it('after a denial explains, opens settings and goes on once allowed', async () => {
    const { api, fns, saved } = fakePhone({ permission: false });
    await saveImages(api, URLS, ignore);
    expect(fns.explainAlbum).toHaveBeenCalledTimes(1);
    expect(fns.openSettings).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(3);
  });

  it('stops without saving when the guide keeps the album closed', async () => {
    const { api, saved } = fakePhone({ permission: false, settingsGrant: false });
    await expect(saveImages(api, URLS, ignore)).rejects.toEqual(new SaveCancelled('album'));
    expect(saved).toHaveLength(0);
  });

  it('retries the image that failed when the permission was lost mid-way', async () => {
    const { api, fns, saved } = fakePhone({ failSaveAt: 2 });
    await saveImages(api, URLS, ignore);
    expect(saved).toEqual(['tmp:u1', 'tmp:u2', 'tmp:u3']);
    expect(fns.openSettings).toHaveBeenCalledTimes(1);
  });

  it('does not touch the clipboard or album without privacy consent', async () => {
    const { api, fns, saved } = fakePhone({ privacy: false });
    await expect(copyText(api, 'hi')).rejects.toEqual(new SaveCancelled('privacy'));
    await expect(saveImages(api, URLS, ignore)).rejects.toEqual(new SaveCancelled('privacy'));
    expect(fns.setClipboard).not.toHaveBeenCalled();
    expect(saved).toHaveLength(0);
  });

  it('copies the given text once consent is there', async () => {
    const { api, fns } = fakePhone();
    await copyText(api, '导购的专属文案');
    expect(fns.setClipboard).toHaveBeenCalledWith('导购的专属文案');
  });

  it('on H5 neither asks for album permission nor opens settings', async () => {
    const { api, fns, saved } = fakePhone({ platform: 'h5', permission: false });
    await saveImages(api, URLS, ignore);
    expect(fns.albumPermission).not.toHaveBeenCalled();
    expect(saved).toHaveLength(3);
  });

  it('tells a permission failure from a network one', () => {
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })).toBe(true);
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail authorize no response' })).toBe(true);
    expect(isAlbumDenied(new Error('download 404'))).toBe(false);
  });
});

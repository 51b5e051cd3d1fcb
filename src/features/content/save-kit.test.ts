import {
  copyText,
  isAlbumDenied,
  SAVE_FAILURES,
  SaveError,
  saveImages,
  type SaveApi,
  type SaveFailure,
} from './save-kit';

/** A phone in a known state: each call is a jest.fn the test can inspect. */
function fakePhone(
  over: {
    platform?: 'weapp' | 'h5';
    privacy?: boolean;
    permission?: boolean;
    settingsGrant?: boolean;
    failSaveAt?: number;
    /** How the failing save fails: the permission (default) or something else. */
    saveFailure?: 'permission' | 'storage';
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
      if (saves === over.failSaveAt) {
        const errMsg =
          over.saveFailure === 'storage'
            ? 'saveImageToPhotosAlbum:fail no enough space'
            : 'saveImageToPhotosAlbum:fail auth deny';
        return Promise.reject(Object.assign(new Error('x'), { errMsg }));
      }
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

/** The kind of SaveError a promise fails with (and that its message is the kind's own). */
async function failure(promise: Promise<unknown>): Promise<SaveFailure> {
  try {
    await promise;
  } catch (e) {
    if (!(e instanceof SaveError)) throw e;
    expect(e.message).toBe(SAVE_FAILURES[e.kind]);
    return e.kind;
  }
  throw new Error('expected the save to fail');
}

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
    expect(await failure(saveImages(api, URLS, ignore))).toBe('permission-denied');
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
    expect(await failure(copyText(api, 'hi'))).toBe('privacy-declined');
    expect(await failure(saveImages(api, URLS, ignore))).toBe('privacy-declined');
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

  it('stops when the guide declines the explanation, without opening settings', async () => {
    const { api, fns, saved } = fakePhone({ permission: false });
    fns.explainAlbum.mockImplementation(() => Promise.resolve(false));
    expect(await failure(saveImages(api, URLS, ignore))).toBe('permission-denied');
    expect(fns.openSettings).not.toHaveBeenCalled();
    expect(saved).toHaveLength(0);
  });

  it('reports an image that did not download, after saving the ones before it', async () => {
    const { api, fns, saved } = fakePhone();
    fns.download.mockImplementation((url: string) =>
      url === 'u2' ? Promise.reject(new Error('download 404')) : Promise.resolve(`tmp:${url}`),
    );
    const progress: number[] = [];
    expect(await failure(saveImages(api, URLS, (done) => progress.push(done)))).toBe('download-failed');
    expect(saved).toEqual(['tmp:u1']);
    expect(progress).toEqual([0, 1]);
  });

  it('reports an album that refuses for another reason than the permission, without asking for it', async () => {
    const { api, fns } = fakePhone({ failSaveAt: 1, saveFailure: 'storage' });
    expect(await failure(saveImages(api, URLS, ignore))).toBe('save-failed');
    expect(fns.explainAlbum).not.toHaveBeenCalled();
  });

  it('reports a permission lost on H5 as a failed save (there is no settings page to send the guide to)', async () => {
    const { api, fns } = fakePhone({ platform: 'h5', failSaveAt: 1 });
    expect(await failure(saveImages(api, URLS, ignore))).toBe('save-failed');
    expect(fns.openSettings).not.toHaveBeenCalled();
  });

  it('reports a clipboard the system would not write', async () => {
    const { api, fns } = fakePhone();
    fns.setClipboard.mockImplementation(() => Promise.reject(new Error('setClipboardData:fail')));
    expect(await failure(copyText(api, '文案'))).toBe('clipboard-denied');
  });

  it('tells a permission failure from a network one', () => {
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })).toBe(true);
    expect(isAlbumDenied({ errMsg: 'saveImageToPhotosAlbum:fail authorize no response' })).toBe(true);
    expect(isAlbumDenied(new Error('download 404'))).toBe(false);
  });
});

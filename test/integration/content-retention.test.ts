/**
 * The retention of guides' variant images (SIYU_VARIANT_RETENTION_DAYS, 7 by default): the hourly
 * releaseStorage timer deletes images made longer ago from storage (the local cloud's disk is
 * counted), HQ sees the storage go down, and the guide's next opening makes them again — the same
 * fileIDs and, compared by hash, the same bytes — even after the audience has changed (at 'standard'
 * the images carry a codeword of the guide's place in it).
 */
import type { Reply } from '@core/errors';
import { TEST_HQ, dataOf, useLocalCloud } from '../support/local-cloud';
import { fetchBytes, filesOf, md5, NO_RUNNERS, SAMPLE_BODY, uploadImages } from './content-helpers';

jest.setTimeout(60_000);

const cloud = useLocalCloud({ functionEnv: NO_RUNNERS }, 60_000);
const DAY = 24 * 3600_000;

async function release(at: number) {
  const firing = await cloud.cloud.timers.fire('content', 'releaseStorage', at);
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<{ expired: number; jobs: number; previews: number }>);
}

async function publish(store: string, images: string[], image: 'standard' | 'off' = 'standard'): Promise<string> {
  const { id } = await cloud.ok(
    'content',
    'savePost',
    { title: '保留期', body: SAMPLE_BODY, images, storeIds: [store], variation: { text: 'standard', image } },
    TEST_HQ,
  );
  await cloud.ok('content', 'publishPost', { id }, TEST_HQ);
  return id;
}

const cloudPathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '');

describe('variant images past the retention', () => {
  it('are deleted by the timer and made again on opening, byte for byte the same', async () => {
    const store = await cloud.makeStore();
    const a = (await cloud.makeGuide(store)).openid;
    const b = (await cloud.makeGuide(store)).openid;
    const id = await publish(store, await uploadImages(cloud, 3));
    const first = await cloud.ok('content', 'myVariant', { postId: id }, a);
    // The timer makes the other guide's variant (its batch is then done).
    await cloud.cloud.timers.fire('content', 'prepareVariants');
    const hashes = await Promise.all(first.images.map(async (i) => md5(await fetchBytes(i.url))));
    const files = first.images.map((i) => cloudPathOf(i.fileID));
    for (const f of files) expect(filesOf(cloud).has(f)).toBe(true);
    const [stored] = cloud.cloud.engine.findDocs('post_variants', { postId: id, guideOpenid: a });
    const held = (await cloud.ok('content', 'postStats', { id }, TEST_HQ)).storage;
    expect(held.postBytes).toBeGreaterThan(0);

    // Within the retention nothing goes.
    expect(await release(Date.now() + 6 * DAY)).toMatchObject({ expired: 0 });
    for (const f of files) expect(filesOf(cloud).has(f)).toBe(true);

    const result = await release(Date.now() + 8 * DAY);
    // Both guides' variants: the one opened and the one the timer made ahead.
    expect(result.expired).toBe(2);
    expect(cloud.cloud.engine.findDocs('post_variants', { postId: id, guideOpenid: b })[0]).toMatchObject({
      images: [],
    });
    // The finished batch goes after the retention too.
    expect(result.jobs).toBe(1);
    expect(cloud.cloud.engine.findDocs('variant_jobs', { postId: id })).toHaveLength(0);
    for (const f of files) expect(filesOf(cloud).has(f)).toBe(false);
    const [gone] = cloud.cloud.engine.findDocs('post_variants', { postId: id, guideOpenid: a });
    expect(gone).toMatchObject({ images: [], text: stored?.text });
    expect(typeof gone?.releasedAt).toBe('number');
    expect((await cloud.ok('content', 'postStats', { id }, TEST_HQ)).storage.postBytes).toBe(0);

    // A guide joins meanwhile whose openid sorts first: every place in the audience moves on by
    // one, the variant's own place does not.
    const code = await cloud.makeInvite(store);
    await cloud.ok('account', 'redeemInvite', { code, name: '新来的导购' }, 'o_0000_joins_first');
    const audience = [a, b, 'o_0000_joins_first'].sort();
    expect(audience.indexOf(a)).toBe(Number(stored?.place) + 1);
    const again = await cloud.ok('content', 'myVariant', { postId: id }, a);
    expect(again.text).toBe(first.text);
    expect(again.images.map((i) => i.fileID)).toEqual(first.images.map((i) => i.fileID));
    expect(await Promise.all(again.images.map(async (i) => md5(await fetchBytes(i.url))))).toEqual(hashes);
    for (const f of files) expect(filesOf(cloud).has(f)).toBe(true);
    const [back] = cloud.cloud.engine.findDocs('post_variants', { postId: id, guideOpenid: a });
    expect(back).not.toHaveProperty('releasedAt');
    expect(back?.bytes).toBe(stored?.bytes);
    const after = (await cloud.ok('content', 'postStats', { id }, TEST_HQ)).storage;
    expect(after.postBytes).toBe(stored?.bytes);
    // Made again now: the next firing within the retention leaves them.
    expect(await release(Date.now() + 6 * DAY)).toMatchObject({ expired: 0 });
  });

  it('leaves variants that hand out the originals (image variation off) alone', async () => {
    const store = await cloud.makeStore();
    const guide = (await cloud.makeGuide(store)).openid;
    const images = await uploadImages(cloud, 2);
    const id = await publish(store, images, 'off');
    const opened = await cloud.ok('content', 'myVariant', { postId: id }, guide);
    expect(opened.images.map((i) => i.fileID)).toEqual(images);

    await release(Date.now() + 30 * DAY);

    const [v] = cloud.cloud.engine.findDocs('post_variants', { postId: id });
    expect(v).toMatchObject({ images, bytes: 0 });
    expect(v).not.toHaveProperty('releasedAt');
    for (const f of images.map(cloudPathOf)) expect(filesOf(cloud).has(f)).toBe(true);
  });
});

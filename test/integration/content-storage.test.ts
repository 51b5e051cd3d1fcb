/**
 * What content leaves in cloud storage: the files are counted on the local cloud's disk after
 * previews, edits and publishing, and archiving. A post keeps its originals, one preview and its
 * guides' variants while it is live; archiving deletes everything but the originals (a share of the
 * archived post still opens, with the original images).
 */
import type { Reply } from '@core/errors';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { fetchBytes, filesOf, NO_RUNNERS, SAMPLE_BODY, uploadImages } from './content-helpers';

// Files are counted after each step: no fan-out makes variants meanwhile.
const cloud = useLocalCloud({ functionEnv: NO_RUNNERS }, 120_000);
const { ok } = cloud.client('content');
const insight = cloud.client('insight');
const HQ = TEST_HQ;

const storedFiles = () => filesOf(cloud);

/** The files added since `before`. */
function addedSince(before: Set<string>): string[] {
  return [...storedFiles()].filter((f) => !before.has(f)).sort();
}

interface Released {
  previews: number;
  posts: number;
  released: number;
}

/** Fires content's releaseStorage timer, as if at `at`. */
async function release(at?: number): Promise<Released> {
  const firing = await cloud.cloud.timers.fire('content', 'releaseStorage', at);
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<Released>);
}

const cloudPathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '');

async function draft(images: string[], image: 'subtle' | 'off' = 'subtle', storeIds: string[] = []) {
  return (
    await ok(
      'savePost',
      { title: '春日焕新', body: SAMPLE_BODY, images, storeIds, variation: { text: 'standard', image } },
      HQ,
    )
  ).id;
}

describe('content storage', () => {
  let store: string;
  let guides: string[];

  beforeAll(async () => {
    store = await cloud.makeStore();
    guides = [(await cloud.makeGuide(store)).openid, (await cloud.makeGuide(store)).openid];
  }, 60_000);

  it('a second preview deletes the images of the first, whatever image it varies', async () => {
    const images = await uploadImages(cloud, 2);
    const before = storedFiles();
    const id = await draft(images, 'subtle', [store]);

    const first = await ok('previewVariants', { id, imageIndex: 0 }, HQ);
    const firstFiles = addedSince(before);
    expect(firstFiles).toHaveLength(3);
    expect(firstFiles).toEqual(first.variants.map((v) => cloudPathOf(v.image!.fileID)).sort());

    const second = await ok('previewVariants', { id, imageIndex: 1 }, HQ);
    const secondFiles = addedSince(before);
    expect(secondFiles).toHaveLength(3);
    expect(secondFiles).toEqual(second.variants.map((v) => cloudPathOf(v.image!.fileID)).sort());
    expect(secondFiles.filter((f) => firstFiles.includes(f))).toEqual([]);
    // What the second preview shows is there to be shown; the originals are untouched.
    for (const v of second.variants) expect((await fetchBytes(v.image!.url)).length).toBeGreaterThan(0);
    for (const fileID of images) expect(storedFiles().has(cloudPathOf(fileID))).toBe(true);
  });

  it('edits, a schedule taken back and publishing leave one preview and the guides’ variants', async () => {
    const images = await uploadImages(cloud, 2);
    const before = storedFiles();
    const id = await draft(images, 'subtle', [store]);
    await ok('previewVariants', { id }, HQ);
    const edit = { title: '改过的标题', body: SAMPLE_BODY, images, storeIds: [store] };
    await ok('savePost', { id, ...edit }, HQ);
    await ok('previewVariants', { id }, HQ);
    await ok('publishPost', { id, publishAt: Date.now() + 3600_000 }, HQ);
    // Editing the scheduled post takes it back to draft; it is previewed and published again.
    await ok('savePost', { id, ...edit, title: '再改一次' }, HQ);
    const preview = await ok('previewVariants', { id, imageIndex: 1 }, HQ);
    await ok('publishPost', { id }, HQ);
    const variants = await Promise.all(guides.map((g) => ok('myVariant', { postId: id }, g)));

    const kept = [
      ...preview.variants.map((v) => cloudPathOf(v.image!.fileID)),
      ...variants.flatMap((v) => v.images.map((i) => cloudPathOf(i.fileID))),
    ].sort();
    expect(kept).toHaveLength(3 + 2 * 2);
    expect(addedSince(before)).toEqual(kept);
  });

  it('archiving deletes the previews and the variants’ images, keeps the originals, and a share still opens', async () => {
    const images = await uploadImages(cloud, 2);
    const before = storedFiles();
    const id = await draft(images, 'subtle', [store]);
    await ok('publishPost', { id }, HQ);
    await ok('previewVariants', { id }, HQ);
    const mine = await ok('myVariant', { postId: id }, guides[0]);
    await ok('myVariant', { postId: id }, guides[1]);
    expect(addedSince(before)).toHaveLength(3 + 2 * 2);
    // Shared while it was published; the link keeps working after archiving.
    const { shareToken } = await insight.ok('shareLink', { postId: id }, guides[0]);

    await ok('archivePost', { id }, HQ);
    expect(addedSince(before)).toEqual([]);
    for (const fileID of images) expect(storedFiles().has(cloudPathOf(fileID))).toBe(true);
    // Archiving again finds nothing more to delete and answers the same.
    expect(await ok('archivePost', { id }, HQ)).toEqual({ id, status: 'archived' });

    const customer = await cloud.makeMember(guides[0]);
    const visit = await insight.ok('recordVisit', { shareToken }, customer.openid);
    expect(visit.post?.text).toBe(mine.text);
    expect(visit.post?.images.map((i) => i.fileID)).toEqual(images);
    for (const i of visit.post?.images ?? []) expect((await fetchBytes(i.url)).length).toBeGreaterThan(0);
  });

  it('never deletes an original: with image variation off, previews and variants are the originals', async () => {
    const images = await uploadImages(cloud, 2);
    const before = storedFiles();
    const id = await draft(images, 'off', [store]);
    await ok('previewVariants', { id }, HQ);
    await ok('previewVariants', { id, imageIndex: 1 }, HQ);
    await ok('publishPost', { id }, HQ);
    expect((await ok('myVariant', { postId: id }, guides[0])).images.map((i) => i.fileID)).toEqual(images);
    await ok('archivePost', { id }, HQ);
    expect(addedSince(before)).toEqual([]);
    for (const fileID of images) expect(storedFiles().has(cloudPathOf(fileID))).toBe(true);
  });

  it('the releaseStorage timer deletes the variant images of a post archived before archiving released them', async () => {
    // A post archived by an earlier version of content: archived, its guides' variant images still stored.
    const [original] = await uploadImages(cloud, 1);
    const postId = `pst_legacy${Date.now().toString(36)}`;
    const now = Date.now();
    cloud.cloud.engine.insertDoc('posts', {
      _id: postId,
      title: '旧素材',
      body: SAMPLE_BODY,
      images: [original!],
      protectTerms: [],
      variation: { text: 'subtle', image: 'subtle' },
      storeIds: [],
      allStores: true,
      status: 'archived',
      rev: 1,
      createdAt: now - 86_400_000,
      createdBy: HQ,
      updatedAt: now,
      publishedAt: now - 86_400_000,
      archivedAt: now,
    });
    const bytes = await fetchBytes((await ok('getPost', { id: postId }, HQ)).images[0]!.url);
    const before = storedFiles();
    for (const guide of guides) {
      const fileID = await cloud.upload(`variants/${postId}/r1/${guide}/1.jpg`, bytes);
      cloud.cloud.engine.insertDoc('post_variants', {
        _id: `${postId}:${guide}`,
        postId,
        guideOpenid: guide,
        storeId: store,
        rev: 1,
        text: SAMPLE_BODY,
        textStrength: 'subtle',
        changes: [],
        images: [fileID],
        suggestedAt: now,
        ms: 1,
        createdAt: now,
      });
    }
    expect(addedSince(before)).toHaveLength(2);

    expect(await release()).toMatchObject({ posts: 1, released: 1 });
    expect(addedSince(before)).toEqual([]);
    expect(storedFiles().has(cloudPathOf(original!))).toBe(true);
    expect(cloud.cloud.engine.findDocs('post_variants', { postId }).map((v) => v.images)).toEqual([[], []]);

    // A second firing has nothing left to do.
    expect(await release()).toMatchObject({ posts: 0, released: 0 });
  });

  it('the releaseStorage timer deletes a preview once it is a day old', async () => {
    const images = await uploadImages(cloud, 1);
    const id = await draft(images, 'subtle', [store]);
    const before = storedFiles();
    await ok('previewVariants', { id }, HQ);
    expect(addedSince(before)).toHaveLength(3);

    expect((await release(Date.now() + 3600_000)).previews).toBe(0);
    expect(addedSince(before)).toHaveLength(3);
    expect((await release(Date.now() + 25 * 3600_000)).previews).toBeGreaterThanOrEqual(1);
    expect(addedSince(before)).toEqual([]);
    expect(cloud.cloud.engine.findDocs('post_previews', { _id: id })).toEqual([]);
    for (const fileID of images) expect(storedFiles().has(cloudPathOf(fileID))).toBe(true);
  });
});

/**
 * content.prepareVariants: the timer that makes each guide's variant of a recently published post
 * ahead of their first opening, through the local cloud and the built bundle.
 */
import type { Reply } from '@core/errors';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { NO_RUNNERS, SAMPLE_BODY, uploadImages } from './content-helpers';

// The timer is the fan-out's safety net: here the only maker besides the guides' own openings.
const cloud = useLocalCloud({ functionEnv: NO_RUNNERS }, 60_000);
const { ok } = cloud.client('content');

interface Prepared {
  posts: number;
  made: number;
  failed: number;
  remaining: number;
}

async function prepare(): Promise<Prepared> {
  const firing = await cloud.cloud.timers.fire('content', 'prepareVariants');
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<Prepared>);
}

async function post(storeIds: string[], publish: boolean): Promise<string> {
  const images = await uploadImages(cloud, 2);
  const { id } = await ok(
    'savePost',
    { title: '预生成', body: SAMPLE_BODY, images, storeIds, variation: { text: 'standard', image: 'subtle' } },
    TEST_HQ,
  );
  if (publish) await ok('publishPost', { id }, TEST_HQ);
  return id;
}

const variantsOf = (postId: string) => cloud.cloud.engine.findDocs('post_variants', { postId });

describe('content.prepareVariants', () => {
  let store: string;
  let otherStore: string;
  let guides: string[];
  let outsider: string;
  let published: string;
  let draft: string;

  beforeAll(async () => {
    store = await cloud.makeStore();
    otherStore = await cloud.makeStore();
    guides = [];
    for (let i = 0; i < 3; i++) guides.push((await cloud.makeGuide(store)).openid);
    outsider = (await cloud.makeGuide(otherStore)).openid;
    published = await post([store], true);
    draft = await post([store], false);
  }, 60_000);

  it("makes every audience guide's variant of a published post, and nothing for drafts or other stores", async () => {
    const result = await prepare();

    expect(result).toMatchObject({ made: 3, failed: 0, remaining: 0 });
    const stored = variantsOf(published);
    expect(stored.map((v) => v.guideOpenid).sort()).toEqual([...guides].sort());
    for (const v of stored) expect(v.images).toHaveLength(2);
    expect(stored.some((v) => v.guideOpenid === outsider)).toBe(false);
    expect(variantsOf(draft)).toHaveLength(0);
  }, 60_000);

  it('lets a guide open the pre-rendered variant: same copy, nothing new stored, only the opening recorded', async () => {
    const guide = guides[0] ?? '';
    const before = cloud.snapshot().split('\n');
    const [stored] = cloud.cloud.engine.findDocs('post_variants', { postId: published, guideOpenid: guide });
    expect(stored).not.toHaveProperty('openedAt');

    const opened = await ok('myVariant', { postId: published }, guide);

    expect(opened.text).toBe(stored?.text);
    expect(opened.images.map((i) => i.fileID)).toEqual(stored?.images);
    // The one change in the whole database: this variant's first opening (the feed and HQ's stats
    // count it; a variant made ahead has not been seen).
    const after = cloud.snapshot().split('\n');
    expect(after.filter((line) => !before.includes(line))).toHaveLength(1);
    expect(before.filter((line) => !after.includes(line))).toHaveLength(1);
    const [now] = cloud.cloud.engine.findDocs('post_variants', { postId: published, guideOpenid: guide });
    const { openedAt, ...rest } = now ?? {};
    expect(typeof openedAt).toBe('number');
    expect(rest).toEqual(stored);
    // Opening it again is a read.
    const again = cloud.snapshot();
    await ok('myVariant', { postId: published }, guide);
    expect(cloud.snapshot()).toBe(again);
  }, 30_000);

  it('changes nothing when fired again with every variant made', async () => {
    const before = cloud.snapshot();

    const result = await prepare();

    expect(result).toMatchObject({ made: 0, failed: 0, remaining: 0 });
    expect(cloud.snapshot()).toBe(before);
  }, 30_000);

  it('makes only the missing variant when a guide joins after the post was prepared', async () => {
    const late = (await cloud.makeGuide(store)).openid;
    const others = variantsOf(published).filter((v) => v.guideOpenid !== late);

    const result = await prepare();

    expect(result).toMatchObject({ made: 1, remaining: 0 });
    const after = variantsOf(published);
    expect(after.map((v) => v.guideOpenid)).toContain(late);
    // The variants made earlier are untouched (same documents, same images).
    for (const v of others) expect(after.find((a) => a._id === v._id)).toEqual(v);
  }, 60_000);
});

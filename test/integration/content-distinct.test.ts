/**
 * Every guide of a post gets a text of their own, even where the post offers few changes: a short
 * post at 'subtle' (the editor's default) once gave two of six guides the same text. Through the
 * local cloud and the built bundle: the guides' own openings, the pre-render timer, and HQ's preview,
 * which shows each guide the text they will get.
 */
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';

const cloud = useLocalCloud({}, 60_000);
const { ok } = cloud.client('content');

/** The demo's member-day post: three lines, two lexicon words, a few punctuation marks. */
const SHORT_BODY =
  '每月 18 号是山茶生活会员日💝\n积分商城上新：山茶花手作茶包、竹编茶席杯垫，积分就能换。\n新会员还有 10 元无门槛券，注册就能领，门店直接核销。\n\n#会员日# #山茶生活#';

describe('distinct texts for a post audience', () => {
  let guides: string[];
  let postId: string;

  beforeAll(async () => {
    const store = await cloud.makeStore();
    guides = [];
    for (let i = 0; i < 8; i++) guides.push((await cloud.makeGuide(store)).openid);
    const saved = await ok(
      'savePost',
      { title: '会员日', body: SHORT_BODY, images: [], storeIds: [store], variation: { text: 'subtle', image: 'off' } },
      TEST_HQ,
    );
    postId = saved.id;
    await ok('publishPost', { id: postId }, TEST_HQ);
  }, 60_000);

  it('gives eight guides of a short subtle post eight different texts, the same ones HQ previews', async () => {
    // Half open it themselves (in an order of their own), the timer makes the rest.
    const texts = new Map<string, string>();
    for (const g of [guides[5]!, guides[1]!, guides[6]!, guides[2]!]) {
      texts.set(g, (await ok('myVariant', { postId }, g)).text);
    }
    const firing = await cloud.cloud.timers.fire('content', 'prepareVariants');
    expect(firing.ok).toBe(true);
    for (const g of guides) if (!texts.has(g)) texts.set(g, (await ok('myVariant', { postId }, g)).text);

    const all = [...texts.values()];
    expect(new Set(all).size).toBe(guides.length);
    expect(all.every((t) => t !== SHORT_BODY && t.includes('10 元') && t.includes('#会员日#'))).toBe(true);

    const preview = await ok('previewVariants', { id: postId, guides: guides.slice(0, 3) }, TEST_HQ);
    for (const v of preview.variants) expect(v.text).toBe(texts.get(v.guideOpenid));
  });
});

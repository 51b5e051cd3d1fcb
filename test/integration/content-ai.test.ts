/**
 * The optional CloudBase AI rewrite of guides' texts, through the local cloud: the functions'
 * real wx-server-sdk calls cloud.ai().createModel(...).generateText(...), which the local cloud's
 * fake model answers (host/ai). Every way the AI path can go wrong ends in the local generator's
 * text, never in an error for the guide.
 */
import { checkTextGates } from '@server/variation/text/gates';
import { varyTextAtPlace } from '@server/variation/text/places';
import type { AiModelMode } from '../../host/ai/ai-gateway';
import { fakeRewrite, UNSAFE_WORD } from '../../host/ai/fake-model';
import { TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { NO_RUNNERS } from './content-helpers';

jest.setTimeout(60_000);

const TIMEOUT_MS = 1000;
// The model's calls are counted per opening: no fan-out makes variants meanwhile.
const off = useLocalCloud({ functionEnv: NO_RUNNERS });
const on = useLocalCloud({
  functionEnv: { ...NO_RUNNERS, SIYU_AI_PROVIDER: 'cloudbase', SIYU_AI_TIMEOUT_MS: String(TIMEOUT_MS) },
});

const TERMS = ['山茶生活'];
/** Long enough that the fake model's swaps keep similarity ≥ 0.6, with phrases it knows how to swap. */
const BODY = [
  '【山茶生活·春日焕新】大家好，新品玫瑰精华水到店啦！',
  '会员价 ¥199，3月8日-3月15日限时，非常适合换季的干皮姐妹。',
  '质地清爽不黏腻，上脸非常舒服，今天到店可以免费试用，欢迎一起来感受。',
  '#春日护肤# 营业时间 10:00-22:00，快来挑选你喜欢的那一款。',
].join('\n');

async function publishedPost(cloud: TestCloud, guides = 1) {
  const { ok } = cloud.client('content');
  const storeId = await cloud.makeStore();
  const made = [];
  for (let i = 0; i < guides; i++) made.push(await cloud.makeGuide(storeId, `导购${i + 1}`));
  const { id } = await ok(
    'savePost',
    { title: '春日焕新', body: BODY, protectTerms: TERMS, storeIds: [storeId] },
    TEST_HQ,
  );
  await ok('publishPost', { id }, TEST_HQ);
  return { postId: id, guides: made.map((g) => g.openid) };
}

/** The local generator's text for a guide: their place among the post's audience (openid order) picks it. */
function localText(postId: string, audience: readonly string[], guideOpenid: string): string {
  const place = [...audience].sort().indexOf(guideOpenid);
  return varyTextAtPlace({ text: BODY, protectTerms: TERMS, strength: 'subtle', series: postId, place }).text;
}

/**
 * With the model scripted to `model`, the first guide of a new post opens their copy: it must be
 * the local generator's text. Answers what a test checks further, and how long the open took.
 */
async function openExpectingLocal(model: AiModelMode, guideCount = 1) {
  on.cloud.ai.model = model;
  const { postId, guides } = await publishedPost(on, guideCount);
  const guide = guides[0]!;
  const started = Date.now();
  const mine = await on.client('content').ok('myVariant', { postId }, guide);
  const elapsed = Date.now() - started;
  expect(mine.source).toBe('local');
  expect(mine.text).toBe(localText(postId, guides, guide));
  return { postId, guides, mine, elapsed };
}

function rewrites(cloud: TestCloud, postId: string) {
  return cloud.cloud.engine.findDocs('ai_rewrites').filter((d) => d.postId === postId);
}

describe('AI rewrite switched off (the default)', () => {
  it('never calls the model: the guide and the preview get the local text', async () => {
    const { ok } = off.client('content');
    const { postId, guides } = await publishedPost(off);
    const guide = guides[0]!;
    const mine = await ok('myVariant', { postId }, guide);
    expect(mine.source).toBe('local');
    expect(mine.text).toBe(localText(postId, guides, guide));
    const preview = await ok('previewVariants', { id: postId }, TEST_HQ);
    expect(preview.variants.map((v) => v.source)).toEqual(['local', 'local', 'local']);
    expect(off.cloud.ai.hits).toEqual([]);
    expect(rewrites(off, postId)).toEqual([]);
  });
});

describe('AI rewrite switched on', () => {
  beforeEach(() => {
    on.cloud.ai.model = 'ok';
  });

  it("gives the guide the model's text, which passes the gates, and the same text on re-open", async () => {
    const { ok } = on.client('content');
    const { postId, guides } = await publishedPost(on);
    const guide = guides[0]!;
    const before = on.cloud.ai.chats.length;
    const first = await ok('myVariant', { postId }, guide);
    const chat = on.cloud.ai.chats[before];
    expect(on.cloud.ai.chats).toHaveLength(before + 1);
    expect(chat).toMatchObject({ group: 'hunyuan-exp', model: 'hunyuan-lite' });
    // The prompt: the post alone as the user message; the rules and every protected span in the system message.
    expect(chat!.messages.at(-1)).toEqual({ role: 'user', content: BODY });
    for (const span of ['¥199', '3月8日-3月15日', '#春日护肤#', '10:00-22:00', '山茶生活'])
      expect(chat!.messages[0]!.content).toContain(`「${span}`);
    expect(first.source).toBe('ai');
    expect(first.text).toBe(fakeRewrite(chat!));
    expect(first.text).not.toBe(BODY);
    expect(checkTextGates(BODY, first.text, TERMS).ok).toBe(true);

    // Stored: re-opening neither asks the model again nor changes, even if the model now fails.
    on.cloud.ai.model = 'error';
    const again = await ok('myVariant', { postId }, guide);
    expect(again).toEqual(first);
    expect(on.cloud.ai.chats).toHaveLength(before + 1);
    const stored = on.cloud.engine.findDocs('post_variants').find((d) => d.postId === postId);
    expect(stored).toMatchObject({ textSource: 'ai', text: first.text });
  });

  it('discards a rewrite that drops a price and uses the local text', async () => {
    const { postId, mine } = await openExpectingLocal('breaks-gates');
    expect(mine.text).toContain('¥199');
    expect(checkTextGates(BODY, mine.text, TERMS).ok).toBe(true);
    expect(rewrites(on, postId)).toEqual([
      expect.objectContaining({ refused: expect.stringMatching(/^gates: protected spans lost: .*¥199/) }),
    ]);
  });

  it('discards a rewrite that content security refuses', async () => {
    const { postId, mine } = await openExpectingLocal('unsafe');
    expect(mine.text).not.toContain(UNSAFE_WORD);
    expect(rewrites(on, postId)).toEqual([expect.objectContaining({ refused: 'security: risky' })]);
  });

  it('falls back to the local text when the model fails, and tries again on the next open', async () => {
    const before = on.cloud.ai.chats.length;
    const { postId, guides } = await openExpectingLocal('error', 2);
    expect(on.cloud.ai.chats).toHaveLength(before + 1);
    // A failure is not remembered: another guide's open asks the model again.
    expect(rewrites(on, postId)).toEqual([]);
    on.cloud.ai.model = 'ok';
    expect((await on.client('content').ok('myVariant', { postId }, guides[1])).source).toBe('ai');
  });

  it('answers with the local text within the timeout when the model is slow', async () => {
    const { postId, elapsed } = await openExpectingLocal('slow');
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    expect(rewrites(on, postId)).toEqual([]);
  });

  it('drops the rewrites of older revisions when a draft is edited, and all of them when the post is archived', async () => {
    const { ok } = on.client('content');
    on.cloud.ai.model = 'ok';
    const storeId = await on.makeStore();
    const guides: string[] = [];
    for (const name of ['导购甲', '导购乙', '导购丙']) guides.push((await on.makeGuide(storeId, name)).openid);
    const draft = { title: '春日焕新', body: BODY, protectTerms: TERMS, storeIds: [storeId] };
    const { id } = await ok('savePost', draft, TEST_HQ);
    await ok('previewVariants', { id, guides }, TEST_HQ);
    expect(rewrites(on, id).map((d) => d.rev)).toEqual([1, 1, 1]);

    await ok('savePost', { ...draft, id, title: '春日焕新（改）' }, TEST_HQ);
    expect(rewrites(on, id)).toEqual([]);
    await ok('previewVariants', { id, guides }, TEST_HQ);
    expect(rewrites(on, id).map((d) => d.rev)).toEqual([2, 2, 2]);

    await ok('publishPost', { id }, TEST_HQ);
    expect((await ok('myVariant', { postId: id }, guides[0])).source).toBe('ai');
    // Another post's rewrites are not touched.
    const other = await publishedPost(on);
    await ok('myVariant', { postId: other.postId }, other.guides[0]);
    await ok('archivePost', { id }, TEST_HQ);
    expect(rewrites(on, id)).toEqual([]);
    expect(rewrites(on, other.postId)).toHaveLength(1);
  });

  it('shows the source in the preview, and the guide later gets the text the preview showed', async () => {
    const { ok } = on.client('content');
    const { postId, guides } = await publishedPost(on, 3);
    const preview = await ok('previewVariants', { id: postId, guides }, TEST_HQ);
    expect(preview.variants.map((v) => v.source)).toEqual(['ai', 'ai', 'ai']);
    for (const v of preview.variants) {
      expect(v.changes.length).toBeGreaterThan(0);
      for (const c of v.changes) {
        expect(c.kind).toBe('rewrite');
        expect(c.end).toBeGreaterThan(c.start);
        expect(c.end).toBeLessThanOrEqual(v.text.length);
      }
    }
    const chats = on.cloud.ai.chats.length;
    const mine = await ok('myVariant', { postId }, guides[1]);
    expect(mine).toMatchObject({ source: 'ai', text: preview.variants[1]!.text });
    expect(on.cloud.ai.chats).toHaveLength(chats);

    on.cloud.ai.model = 'breaks-gates';
    const other = await publishedPost(on);
    const refused = await ok('previewVariants', { id: other.postId }, TEST_HQ);
    expect(refused.variants.map((v) => v.source)).toEqual(['local', 'local', 'local']);
  });
});

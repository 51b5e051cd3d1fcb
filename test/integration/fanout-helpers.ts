/** What the fan-out tests share: a store of guides, a published post, its batches and the timer. */
import type { Reply } from '@core/errors';
import { TEST_HQ, dataOf, type TestCloud } from '../support/local-cloud';
import { SAMPLE_BODY } from './content-helpers';

export interface Job {
  _id: string;
  status: string;
  size: number;
  made: number;
  priority: number;
  attempts: number;
  leaseUntil: number;
  error?: string;
  guides: { openid: string }[];
  batch: number;
}

export const jobsOf = (t: TestCloud, postId: string) =>
  t.cloud.engine.findDocs('variant_jobs', { postId }) as unknown as Job[];
export const variantsOf = (t: TestCloud, postId: string) => t.cloud.engine.findDocs('post_variants', { postId });

export async function guidesOf(t: TestCloud, n: number): Promise<{ store: string; guides: string[] }> {
  const store = await t.makeStore();
  const guides: string[] = [];
  for (let i = 0; i < n; i++) guides.push((await t.makeGuide(store)).openid);
  return { store, guides };
}

export async function publish(t: TestCloud, store: string, images: string[]): Promise<string> {
  const { id } = await t.ok(
    'content',
    'savePost',
    {
      title: '分批生成',
      body: SAMPLE_BODY,
      images,
      storeIds: [store],
      variation: { text: 'standard', image: 'subtle' },
    },
    TEST_HQ,
  );
  await t.ok('content', 'publishPost', { id }, TEST_HQ);
  return id;
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Fires the prepareVariants timer (at `at`, epoch ms, when given) and answers its result. */
export async function prepare(t: TestCloud, at?: number) {
  const firing = await t.cloud.timers.fire('content', 'prepareVariants', at);
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<{ posts: number; made: number; failed: number; remaining: number }>);
}

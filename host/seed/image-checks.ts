/**
 * Waits, as the post editor does, until every image of a post has its verdict from the image check
 * (WeChat pushes it later; publishing refuses while one is pending). Used by the demo seed, the
 * browser tests and the benchmarks before they publish through the product's own functions.
 */
export type CheckImages = (images: string[]) => Promise<{ checks: { status: string }[] }>;

const POLL_MS = 100;
const GIVE_UP_MS = 60_000;

export async function awaitImageChecks(checkImages: CheckImages, images: string[]): Promise<void> {
  if (images.length === 0) return;
  const until = Date.now() + GIVE_UP_MS;
  while (Date.now() < until) {
    const { checks } = await checkImages(images);
    if (!checks.some((c) => c.status === 'pending')) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`image checks still pending after ${GIVE_UP_MS / 1000} s`);
}

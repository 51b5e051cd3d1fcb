/**
 * A runner that reaches its deadline hands its batch back instead of running into the content
 * function's timeout: the guides it did not finish go back to the queue, the images it finished of
 * a half-made variant are kept, and its successor carries on. With a budget of 1 ms every runner
 * starts exactly one image (the first image of an invocation always starts), so the chain of runners
 * is as long as the number of images, and any image made twice or lost shows.
 */
import { useLocalCloud } from '../support/local-cloud';
import { uploadImages } from './content-helpers';
import { guidesOf, jobsOf, publish, until, variantsOf } from './fanout-helpers';

jest.setTimeout(120_000);

const IMAGES = 3;
const GUIDES = 2;

// Runners in instances of their own, as on the platform.
const cloud = useLocalCloud(
  { isolation: 'process', functionEnv: { SIYU_VARIANT_RUNNERS: '1', SIYU_VARIANT_RUNNER_BUDGET_MS: '1' } },
  60_000,
);

describe('a runner stopped at its deadline', () => {
  it('hands the rest of its batch back, keeps the images it finished, and nothing is lost or made twice', async () => {
    const { store, guides } = await guidesOf(cloud, GUIDES);
    // Observes the uploads the functions make (the call goes through unchanged).
    const uploads = jest.spyOn(cloud.cloud.storage, 'acceptUpload');
    const id = await publish(cloud, store, await uploadImages(cloud, IMAGES));
    const [planned, ...more] = jobsOf(cloud, id);
    expect(more).toHaveLength(0);
    expect(planned?.size).toBe(GUIDES);

    // Watch the batch while the chain of runners works on it: it is handed back half way through a
    // variant, with the images finished so far, and claimed again by the next runner. (The queued
    // moment between a hand-back and the successor's claim is too short to sample; the running
    // holders are not: each runner holds the batch for the length of its image.)
    let handedBackHalfMade = 0;
    const holders = new Set<string>();
    await until(
      'the batch done',
      () => {
        const job = jobsOf(cloud, id)[0] as unknown as {
          status: string;
          owner?: string;
          partial?: { images: unknown[] };
        };
        const finished = job.partial?.images.filter((m) => m !== null).length ?? 0;
        if (finished > 0 && finished < IMAGES) handedBackHalfMade += 1;
        if (job.status === 'running' && job.owner) holders.add(job.owner);
        return job.status === 'done';
      },
      90_000,
    );
    expect(handedBackHalfMade).toBeGreaterThan(0);
    expect(holders.size).toBeGreaterThan(1);

    const [job] = jobsOf(cloud, id) as unknown as { made: number; attempts: number; partial?: unknown }[];
    // Handing back is not a failed attempt; the finished batch keeps no half-made variant.
    expect(job).toMatchObject({ made: GUIDES, attempts: 1 });
    expect(job?.partial).toBeUndefined();

    // Each guide has one variant with every image, each image uploaded exactly once to its path.
    const variants = variantsOf(cloud, id);
    expect(variants.map((v) => v.guideOpenid).sort()).toEqual([...guides].sort());
    const { files } = cloud.cloud.storage;
    const paths = variants.flatMap((v) => (v.images as string[]).map((fileID) => files.cloudPathOf(fileID)));
    expect(new Set(paths).size).toBe(GUIDES * IMAGES);
    const uploaded = uploads.mock.calls.map(([cloudPath]) => cloudPath);
    expect([...uploaded].sort()).toEqual([...paths].sort());
    for (const p of paths) expect(files.stat(p)).not.toBeNull();
    // Each runner started at most one image, handed back and started its successor: at least one
    // runner per image (a runner call the SDK retried on a busy machine finds nothing to claim).
    const runners = cloud.cloud.runtime.stats()['content<-scf'];
    expect((runners?.started ?? 0) + (runners?.warm ?? 0)).toBeGreaterThanOrEqual(GUIDES * IMAGES);
  });
});

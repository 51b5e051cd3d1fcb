/**
 * The fan-out of a published post's guide variants through the local cloud and the built bundle:
 * batches in variant_jobs, runners started through cloud.callFunction and running in instances of
 * their own, each guide's variant made exactly once, progress for HQ, the guard that keeps clients
 * off the internal action, a guide who opens before their batch, and a runner that dies half way.
 */
import type { Reply } from '@core/errors';
import { TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { uploadImages } from './content-helpers';
import { guidesOf, jobsOf, prepare, publish, until, variantsOf } from './fanout-helpers';

jest.setTimeout(120_000);

// Instances in processes of their own, as on the platform: runners run in parallel and one can be killed.
const isolation = 'process';
const fanned = useLocalCloud({ isolation }, 60_000);
// One runner chain at a time, so a batch is caught half way.
const single = useLocalCloud({ isolation, functionEnv: { SIYU_VARIANT_RUNNERS: '1' } }, 60_000);
// No runners: the timer and the guides' own openings make the variants.
const quiet = useLocalCloud({ isolation, functionEnv: { SIYU_VARIANT_RUNNERS: '0' } }, 60_000);

describe('publishing fans the variants out', () => {
  it("plans the audience in batches and runners make every guide's variant exactly once; HQ sees the progress", async () => {
    const { store, guides } = await guidesOf(fanned, 19);
    const id = await publish(fanned, store, await uploadImages(fanned, 2));

    const jobs = jobsOf(fanned, id);
    expect(jobs.length).toBeGreaterThan(1);
    // Every guide in exactly one batch.
    const planned = jobs.flatMap((j) => j.guides.map((g) => g.openid));
    expect(planned.sort()).toEqual([...guides].sort());

    await until('every batch done', () => jobsOf(fanned, id).every((j) => j.status === 'done'));
    const variants = variantsOf(fanned, id);
    expect(variants.map((v) => v.guideOpenid).sort()).toEqual([...guides].sort());
    for (const v of variants) expect(v.images).toHaveLength(2);
    // Counted once: the batches' counts add up to the audience.
    expect(jobsOf(fanned, id).reduce((n, j) => n + j.made, 0)).toBe(guides.length);
    const progress = { made: 19, total: 19, failed: 0, queued: 0, running: 0 };
    const listed = (await fanned.ok('content', 'listPosts', { status: 'published' }, TEST_HQ)).posts.find(
      (p) => p.id === id,
    );
    expect(listed?.variants).toEqual(progress);
    const stats = await fanned.ok('content', 'postStats', { id }, TEST_HQ);
    expect(stats.variants).toEqual(progress);
    // Made ahead is not opened.
    expect(stats.opened).toBe(0);
    const bytes = variants.reduce((n, v) => n + Number(v.bytes), 0);
    expect(bytes).toBeGreaterThan(0);
    expect(stats.storage.postBytes).toBe(bytes);
    expect(stats.storage.totalBytes).toBeGreaterThanOrEqual(bytes);
    // Instances of content ran the runners, in the lane of calls made by functions.
    expect(fanned.cloud.runtime.stats()['content<-scf']?.peakBusy).toBeGreaterThan(0);
  });

  it('keeps clients off the internal runner action, and lets a function call it', async () => {
    const guide = (await fanned.makeGuide()).openid;
    const before = fanned.snapshot();
    for (const [caller, code] of [
      [TEST_HQ, 'PERMISSION_DENIED'],
      [guide, 'PERMISSION_DENIED'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      expect(await fanned.callRaw('content', { action: 'runVariantJobs' }, caller)).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    // A timer-shaped client event carrying the action is refused too.
    expect(
      await fanned.callRaw(
        'content',
        { action: 'runVariantJobs', Type: 'Timer', TriggerName: 'prepareVariants' },
        TEST_HQ,
      ),
    ).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    // The platform's own timer source without a function hop is not a function either.
    const timerCall = (await fanned.cloud.invoke(
      'content',
      { action: 'runVariantJobs' },
      { source: 'wx_trigger' },
    )) as Reply<unknown>;
    expect(timerCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(fanned.snapshot()).toBe(before);
    // What cloud.callFunction from another invocation looks like (SOURCE ends in scf): it runs.
    const chained = (await fanned.cloud.invoke(
      'content',
      { action: 'runVariantJobs' },
      { openid: TEST_HQ, source: 'wx_client,scf' },
    )) as Reply<{ jobs: number }>;
    expect(chained).toMatchObject({ ok: true, data: { jobs: 0, yielded: false } });
  });
});

describe('a guide never waits behind the queue', () => {
  it("makes the guide's own variant at once, with progress, and moves their batch to the front", async () => {
    const { store, guides } = await guidesOf(quiet, 12);
    const id = await publish(quiet, store, await uploadImages(quiet, 3));
    const jobs = jobsOf(quiet, id);
    expect(jobs.every((j) => j.status === 'queued' && j.priority === 0)).toBe(true);
    const last = [...jobs].sort((a, b) => b.batch - a.batch)[0]!;
    const guide = last.guides[0]!.openid;

    expect(await quiet.ok('content', 'variantProgress', { postId: id }, guide)).toEqual({
      ready: false,
      done: 0,
      of: 3,
    });
    const seen: number[] = [];
    let opened = false;
    const opening = quiet.ok('content', 'myVariant', { postId: id }, guide).then((v) => {
      opened = true;
      return v;
    });
    while (!opened) {
      const p = await quiet.ok('content', 'variantProgress', { postId: id }, guide);
      if (!p.ready) seen.push(p.done);
      await new Promise((r) => setTimeout(r, 20));
    }
    const variant = await opening;
    expect(variant.images).toHaveLength(3);
    // The wait screen's figures only grow, and never pass the post's images.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.every((d) => d >= 0 && d <= 3)).toBe(true);
    expect(await quiet.ok('content', 'variantProgress', { postId: id }, guide)).toEqual({
      ready: true,
      done: 3,
      of: 3,
    });
    expect(quiet.cloud.engine.findDocs('variant_progress', {})).toHaveLength(0);
    // The guide's batch goes before the others: the timer takes it first.
    expect(jobsOf(quiet, id).find((j) => j._id === last._id)?.priority).toBe(1);
    await prepare(quiet);
    const after = jobsOf(quiet, id);
    expect(after.find((j) => j._id === last._id)?.status).toBe('done');
    // Its count includes the guide's own variant, made before the batch ran.
    expect(after.find((j) => j._id === last._id)?.made).toBe(last.size);
    // Drain the rest; every guide has exactly one variant.
    for (let i = 0; i < 5 && jobsOf(quiet, id).some((j) => j.status !== 'done'); i++) await prepare(quiet);
    expect(
      variantsOf(quiet, id)
        .map((v) => v.guideOpenid)
        .sort(),
    ).toEqual([...guides].sort());
  });
});

describe('a runner that dies half way', () => {
  it('leaves its batch to be claimed again once the lease expires: nothing lost, nothing made twice', async () => {
    const { store, guides } = await guidesOf(single, 16);
    const id = await publish(single, store, await uploadImages(single, 3, 480));
    // Kill the runner once it has made part of a batch.
    await until('a batch half made', () => {
      const running = jobsOf(single, id).find((j) => j.status === 'running');
      const made = new Set(variantsOf(single, id).map((v) => v.guideOpenid));
      return (
        !!running && running.guides.some((g) => made.has(g.openid)) && !running.guides.every((g) => made.has(g.openid))
      );
    });
    expect(single.cloud.runtime.killRunning('content', 'functions')).toBeGreaterThan(0);
    const stuck = jobsOf(single, id).find((j) => j.status === 'running');
    expect(stuck).toBeDefined();
    const madeBefore = variantsOf(single, id).length;
    expect(madeBefore).toBeLessThan(guides.length);

    // Before the lease expires nobody takes it; after it, the timer does (fired "at" a later time).
    for (let i = 0; i < 10 && jobsOf(single, id).some((j) => j.status === 'queued'); i++) await prepare(single);
    expect(jobsOf(single, id).find((j) => j._id === stuck!._id)?.status).toBe('running');
    const later = Date.now() + 60_000;
    for (let i = 0; i < 10 && jobsOf(single, id).some((j) => j.status !== 'done'); i++) await prepare(single, later);

    const jobs = jobsOf(single, id);
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect(jobs.find((j) => j._id === stuck!._id)?.attempts).toBe(2);
    const variants = variantsOf(single, id);
    expect(variants.map((v) => v.guideOpenid).sort()).toEqual([...guides].sort());
    expect(jobs.reduce((n, j) => n + j.made, 0)).toBe(guides.length);
  });
});

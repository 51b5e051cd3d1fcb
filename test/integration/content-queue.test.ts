/**
 * The fan-out's work queue under failure and contention, through the local cloud and the built
 * bundle: a batch whose variants fail is retried after the delay (a retry that succeeds finishes it
 * once), given up after the last attempt and shown as failed to HQ; runners racing for the same
 * batches never hold one batch twice, and every guide gets exactly one variant.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reply } from '@core/errors';
import { TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { NO_RUNNERS, uploadImages } from './content-helpers';
import { guidesOf, jobsOf, prepare, publish, until, variantsOf } from './fanout-helpers';

jest.setTimeout(120_000);

const quiet = useLocalCloud({ functionEnv: NO_RUNNERS }, 60_000);

/** The retry delay and the attempts of cloudfunctions/content/src/fanout/jobs.ts, as they behave. */
const RETRY_DELAY_MS = 30_000;
const MAX_ATTEMPTS = 3;

/** Moves an original out of the local storage (the variants of it then fail) and answers how to put it back. */
function takeAway(t: TestCloud, fileID: string): () => void {
  const file = path.join(t.cloud.storage.files.root, fileID.replace(/^cloud:\/\/[^/]+\//, ''));
  fs.renameSync(file, `${file}.away`);
  return () => fs.renameSync(`${file}.away`, file);
}

const progressOf = async (t: TestCloud, id: string) =>
  (await t.ok('content', 'listPosts', { status: 'published' }, TEST_HQ)).posts.find((p) => p.id === id)?.variants;

describe('a batch that fails', () => {
  it('is retried after the delay, and the retry that succeeds finishes it once', async () => {
    const { store, guides } = await guidesOf(quiet, 3);
    const images = await uploadImages(quiet, 2);
    const id = await publish(quiet, store, images);
    const putBack = takeAway(quiet, images[1]!);

    const first = await prepare(quiet);
    expect(first).toMatchObject({ made: 0, failed: 3 });
    let [job] = jobsOf(quiet, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, made: 0 });
    expect(job!.error).toBeTruthy();
    expect(variantsOf(quiet, id)).toHaveLength(0);
    // Not before the delay.
    await prepare(quiet, Date.now() + RETRY_DELAY_MS / 2);
    expect(jobsOf(quiet, id)[0]).toMatchObject({ status: 'queued', attempts: 1 });

    putBack();
    // Well past the delay, which counts from the end of the failed firing.
    const later = Date.now() + 2 * RETRY_DELAY_MS;
    const retried = await prepare(quiet, later);
    expect(retried.failed).toBe(0);
    // A firing whose time ran out (a slow machine) hands the batch back unfinished: the next goes on.
    for (let i = 0; i < 5 && jobsOf(quiet, id)[0]?.status === 'queued'; i++) await prepare(quiet, later);
    [job] = jobsOf(quiet, id);
    expect(job).toMatchObject({ status: 'done', attempts: 2, made: 3 });
    expect(
      variantsOf(quiet, id)
        .map((v) => v.guideOpenid)
        .sort(),
    ).toEqual([...guides].sort());
    // Done is final: later firings take it no more.
    await prepare(quiet, later + 5 * RETRY_DELAY_MS);
    expect(jobsOf(quiet, id)[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect(await progressOf(quiet, id)).toEqual({ made: 3, total: 3, failed: 0, queued: 0, running: 0 });
  });

  it('is given up after the last attempt and shown as failed to HQ; a guide who opens still gets an answer at once', async () => {
    const { store, guides } = await guidesOf(quiet, 2);
    const images = await uploadImages(quiet, 1);
    const id = await publish(quiet, store, images);
    const putBack = takeAway(quiet, images[0]!);
    try {
      let at = Date.now();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        await prepare(quiet, at);
        expect(jobsOf(quiet, id)[0]?.attempts).toBe(attempt);
        at += 2 * RETRY_DELAY_MS;
      }
      expect(jobsOf(quiet, id)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, made: 0 });
      expect(await progressOf(quiet, id)).toEqual({ made: 0, total: 2, failed: 2, queued: 0, running: 0 });
      // Given up is final too.
      await prepare(quiet, at + RETRY_DELAY_MS);
      expect(jobsOf(quiet, id)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      // The guide's own opening still tries (the page shows its error) rather than waiting on the queue.
      expect(await quiet.callRaw('content', { action: 'myVariant', postId: id }, guides[0])).toMatchObject({
        ok: false,
      });
    } finally {
      putBack();
    }
    // Once the original is back, the guide's opening makes theirs.
    const mine = await quiet.ok('content', 'myVariant', { postId: id }, guides[0]);
    expect(mine.images).toHaveLength(1);
  });
});

describe('runners racing for the same batches', () => {
  it('never hold one batch twice, and every guide gets exactly one variant', async () => {
    const { store, guides } = await guidesOf(quiet, 26);
    const id = await publish(quiet, store, await uploadImages(quiet, 2));
    const batches = jobsOf(quiet, id).length;
    expect(batches).toBeGreaterThanOrEqual(3);
    // Four runners at once, as cloud.callFunction from another invocation starts them.
    const replies = (await Promise.all(
      Array.from({ length: 4 }, () =>
        quiet.cloud.invoke(
          'content',
          { action: 'runVariantJobs', postId: id },
          { openid: TEST_HQ, source: 'wx_client,scf' },
        ),
      ),
    )) as Reply<{ jobs: number; made: number; failed: number; yielded: boolean }>[];
    let finished = 0;
    let yielded = false;
    for (const r of replies) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      finished += r.data.jobs;
      yielded ||= r.data.yielded;
    }
    // A runner whose time ran out (a slow machine) handed its batch back and started a successor.
    await until('every batch done', () => jobsOf(quiet, id).every((j) => j.status === 'done'));
    if (!yielded) expect(finished).toBe(batches);
    const jobs = jobsOf(quiet, id);
    // Each batch claimed once (a batch handed back unfinished keeps its count of claims).
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    expect(jobs.reduce((n, j) => n + j.made, 0)).toBe(guides.length);
    const made = variantsOf(quiet, id).map((v) => v.guideOpenid);
    expect(made.sort()).toEqual([...guides].sort());
  });
});

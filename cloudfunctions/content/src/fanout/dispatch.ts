/**
 * Starting runners: invocations of this same function (content.runVariantJobs) through
 * cloud.callFunction, one per batch to be made at once, so the platform runs them on as many
 * instances. The caller does not wait for them (a call returns only when its runner is done): it
 * waits a moment for the requests to leave, then goes on. A request lost there costs nothing: its
 * batches stay queued and the prepareVariants timer starts runners again every minute.
 */
import { contentContract } from '@core/contracts/content';
import type { TimerContext } from '@server/kit';
import { errorText } from '@server/kit/log';
import type { Ctx } from '../guide-text';

/** How long the caller waits for its runner calls to be sent before it goes on. */
export const DISPATCH_SETTLE_MS = 300;

/**
 * The SDK's answer when it stopped waiting for a reply (its 15 s request timeout). A runner works
 * for up to its budget after it gets an instance, so its caller, which went on long before, often
 * stops waiting first: the runner's own outcome is in its own log (and a runner the platform killed
 * leaves its batch to be claimed again once the lease expires), so this is not a failure to report.
 */
export function stoppedWaiting(e: unknown): boolean {
  return e instanceof Error && /request timeout/.test(e.message);
}

type Reply = { result?: { ok?: boolean; error?: { code?: string }; data?: unknown } };

export async function startRunners(ctx: Ctx | TimerContext, count: number, postId?: string): Promise<number> {
  if (count <= 0) return 0;
  const calls = Array.from({ length: count }, () =>
    (
      ctx.cloud.callFunction({
        name: contentContract.name,
        data: { action: 'runVariantJobs', ...(postId ? { postId } : {}) },
      }) as Promise<Reply>
    ).then(
      (reply) => {
        if (reply.result?.ok === false)
          ctx.log.error('variant runner failed', { postId, code: reply.result.error?.code });
      },
      (e: unknown) =>
        stoppedWaiting(e)
          ? ctx.log.info('variant runner still at work when its caller stopped waiting', { postId })
          : ctx.log.warn('variant runner call ended without a reply', { postId, error: errorText(e) }),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(calls),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DISPATCH_SETTLE_MS);
    }),
  ]);
  clearTimeout(timer);
  return count;
}

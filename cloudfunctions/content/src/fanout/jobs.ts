/**
 * The fan-out's work queue: a published post's audience split into batches (`variant_jobs`), each
 * sized to fit one invocation of the content function, claimed by conditional update under a lease,
 * retried a bounded number of times, finished once.
 *
 *   queued ──claim──▶ running ──finish──▶ done
 *     ▲                 │ │
 *     └── error, retry ─┘ └── error after MAX_ATTEMPTS ──▶ failed
 *     └── deadline reached (handed back, finished images kept) ─┘
 *   A running batch whose lease expired (its invocation died) is claimed again like a queued one.
 */
import * as z from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const JobGuide = z.object({ openid: z.string(), storeId: z.string() });
export type JobGuide = z.infer<typeof JobGuide>;

export const JobDoc = z.object({
  _id: z.string(),
  postId: z.string(),
  rev: z.number().int(),
  /** The batch's number in the post's plan: lower numbers are made first (after priority). */
  batch: z.number().int(),
  guides: z.array(JobGuide),
  size: z.number().int(),
  status: z.enum(JOB_STATUSES),
  /** 1 once a guide of the batch opened the post: claimed before the others. */
  priority: z.number().int(),
  /** Claims so far. */
  attempts: z.number().int(),
  /** Epoch ms: a running batch's lease, or when a batch that failed may be tried again. */
  leaseUntil: z.number(),
  /** The request id of the invocation holding the lease. */
  owner: z.string().optional(),
  /** Guides of the batch with a variant, when it was last handed back or finished. */
  made: z.number().int(),
  /**
   * A guide's variant a runner was making when its deadline came: the images it finished (fileID and
   * bytes by index, null where not made), which the next runner keeps instead of making them again.
   */
  partial: z
    .object({
      openid: z.string(),
      images: z.array(z.object({ fileID: z.string(), bytes: z.number().int() }).nullable()),
    })
    .optional(),
  error: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  doneAt: z.number().optional(),
});
export type JobDoc = z.infer<typeof JobDoc>;

export const jobId = (postId: string, rev: number, batch: number) =>
  `${postId}:r${rev}:${String(batch).padStart(5, '0')}`;

/**
 * Wall time of one 9-image variant for a further guide in one instance of the content function,
 * p95 over 500 guides with the instance to itself (bench/fanout.bench.ts, instance limit 1, prints it
 * each run); a batch's first variant also decodes the post's originals.
 */
export const MEASURED_VARIANT_MS = 1_200;
/**
 * Wall time a runner starts images in (the default of SIYU_VARIANT_RUNNER_BUDGET_MS): the content
 * function's timeout (config.json, 15 s) less room for the images started just before the end
 * (IMAGE_POOL at once), handing the batch back and starting a successor. A runner stops at the
 * deadline between images, also inside a variant, so a slow first variant (a new instance decodes
 * the originals) is handed on rather than killed by the timeout.
 */
export const RUNNER_BUDGET_MS = 10_000;
/** Guides per batch: as many as fit the budget at the measured cost. */
export const VARIANT_BATCH = Math.max(1, Math.floor(RUNNER_BUDGET_MS / MEASURED_VARIANT_MS));
/** Longer than the content function's timeout, so a live runner never loses its lease. */
export const LEASE_MS = 30_000;
/** Claims of one batch before it is given up and shown as failed. */
export const MAX_ATTEMPTS = 3;
/** A batch that failed waits this long before it is tried again. */
export const RETRY_DELAY_MS = 30_000;

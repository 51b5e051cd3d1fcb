/**
 * The one reader of process.env in function code. Everything a function needs from its
 * environment is parsed and validated here, so a typo in a deploy setting fails loudly in one place.
 *
 * Values are read on every call rather than once at load: a container is reused between
 * invocations and the local cloud runs many functions in one process, each invocation with its own
 * environment. Parsing is cached on the raw text, so the cost is a few property reads.
 */
import * as z from 'zod';

export const LOG_LEVELS = ['silent', 'error', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerEnv {
  /** Openids that are HQ operators (SIYU_HQ_OPENIDS, comma separated). Bootstraps HQ in production too. */
  hqOpenids: ReadonlySet<string>;
  /** SIYU_LOG_LEVEL: silent | error | info (default info). */
  logLevel: LogLevel;
}

const hqList = z
  .string()
  .default('')
  .transform((raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  // The same rule as the local cloud's own configuration, so a list the host accepts is never refused here.
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)));

const EnvSchema = z.object({
  SIYU_HQ_OPENIDS: hqList,
  SIYU_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export class EnvError extends Error {
  override name = 'EnvError';
}

let cache: { key: string; env: ServerEnv } | undefined;

/** Parses the given variables (process.env by default). Throws EnvError naming the bad variable. */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): ServerEnv {
  const raw = { SIYU_HQ_OPENIDS: source.SIYU_HQ_OPENIDS, SIYU_LOG_LEVEL: source.SIYU_LOG_LEVEL || undefined };
  const key = JSON.stringify(raw);
  if (cache?.key === key) return cache.env;
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))].join(', ');
    throw new EnvError(`invalid environment variable(s): ${names}`);
  }
  const env: ServerEnv = { hqOpenids: new Set(parsed.data.SIYU_HQ_OPENIDS), logLevel: parsed.data.SIYU_LOG_LEVEL };
  cache = { key, env };
  return env;
}

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
  /** Optional LLM rewrite of guides' text variants through CloudBase AI. Off unless SIYU_AI_PROVIDER=cloudbase. */
  ai: AiSettings;
  /**
   * SIYU_CONTENT_SECURITY: what publishing does when WeChat's msgSecCheck cannot be reached.
   * `strict` (default) refuses to publish; `lenient` publishes and logs an error for monitoring.
   * A text the check rejects is refused in both modes: there is no switch that skips the check.
   */
  contentSecurity: ContentSecurityMode;
}

export const AI_PROVIDERS = ['off', 'cloudbase'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];
export const CONTENT_SECURITY_MODES = ['strict', 'lenient'] as const;
export type ContentSecurityMode = (typeof CONTENT_SECURITY_MODES)[number];

export interface AiSettings {
  /** SIYU_AI_PROVIDER: off (default) | cloudbase. */
  provider: AiProvider;
  /** SIYU_AI_MODEL: the CloudBase AI model group passed to createModel (default hunyuan-exp). */
  model: string;
  /** SIYU_AI_MODEL_NAME: the model inside that group (default hunyuan-lite). */
  modelName: string;
  /** SIYU_AI_TIMEOUT_MS: how long one rewrite may take before the local generator is used (default 4000). */
  timeoutMs: number;
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
  SIYU_AI_PROVIDER: z.enum(AI_PROVIDERS).default('off'),
  SIYU_AI_MODEL: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('hunyuan-exp'),
  SIYU_AI_MODEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('hunyuan-lite'),
  SIYU_AI_TIMEOUT_MS: z.coerce.number().int().min(500).max(10_000).default(4000),
  SIYU_CONTENT_SECURITY: z.enum(CONTENT_SECURITY_MODES).default('strict'),
});

const NAMES = [
  'SIYU_HQ_OPENIDS',
  'SIYU_LOG_LEVEL',
  'SIYU_AI_PROVIDER',
  'SIYU_AI_MODEL',
  'SIYU_AI_MODEL_NAME',
  'SIYU_AI_TIMEOUT_MS',
  'SIYU_CONTENT_SECURITY',
] as const;

export class EnvError extends Error {
  override name = 'EnvError';
}

let cache: { key: string; env: ServerEnv } | undefined;

/** Parses the given variables (process.env by default). Throws EnvError naming the bad variable. */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): ServerEnv {
  // An empty variable means "not set" (a blank field in a console), except the HQ list where empty is a value.
  const raw: Record<string, string | undefined> = {};
  for (const name of NAMES) raw[name] = name === 'SIYU_HQ_OPENIDS' ? source[name] : source[name] || undefined;
  const key = JSON.stringify(raw);
  if (cache?.key === key) return cache.env;
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))].join(', ');
    throw new EnvError(`invalid environment variable(s): ${names}`);
  }
  const d = parsed.data;
  const env: ServerEnv = {
    hqOpenids: new Set(d.SIYU_HQ_OPENIDS),
    logLevel: d.SIYU_LOG_LEVEL,
    ai: {
      provider: d.SIYU_AI_PROVIDER,
      model: d.SIYU_AI_MODEL,
      modelName: d.SIYU_AI_MODEL_NAME,
      timeoutMs: d.SIYU_AI_TIMEOUT_MS,
    },
    contentSecurity: d.SIYU_CONTENT_SECURITY,
  };
  cache = { key, env };
  return env;
}

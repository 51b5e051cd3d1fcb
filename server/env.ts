/**
 * The one reader of process.env in function code. Everything a function needs from its
 * environment is parsed and validated here, so a typo in a deploy setting fails loudly in one place.
 *
 * Values are read on every call rather than once at load: a container is reused between
 * invocations and the local cloud runs many functions in one process, each invocation with its own
 * environment. Parsing is cached on the raw text, so the cost is a few property reads.
 */
import {
  AI_PROVIDERS,
  CONTENT_SECURITY_MODES,
  LOG_LEVELS,
  readSettings,
  type SettingName,
  type AiProvider,
  type ContentSecurityMode,
  type LogLevel,
} from './config/settings';

// The settings module declares each variable once (schema, default, README line); this file keeps
// the typed shape the function kit and the actions use.
export { AI_PROVIDERS, CONTENT_SECURITY_MODES, LOG_LEVELS };
export type { AiProvider, ContentSecurityMode, LogLevel };

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
  /** SIYU_VARIANT_RUNNERS: content invocations started at once to make a post's variants (0: timer only). */
  variantRunners: number;
  /** SIYU_VARIANT_RETENTION_DAYS: days a variant's images are kept before the timer deletes them. */
  variantRetentionDays: number;
  /** SIYU_VARIANT_RUNNER_BUDGET_MS: how long a variant runner starts new images before it hands its batch back. */
  variantRunnerBudgetMs: number;
  /**
   * SIYU_ID_SECRET: the key of the keyed hashes that stand for a person in ids (server/privacy).
   * Undefined when unset; what needs it refuses to run without it (idSecret()).
   */
  idSecret?: string;
}

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

/**
 * Every setting a function reads (the settings module's `function` readers; a test keeps the two
 * equal). The local cloud and the deploy pass exactly these on to the functions.
 */
export const FUNCTION_SETTINGS = [
  'SIYU_HQ_OPENIDS',
  'SIYU_LOG_LEVEL',
  'SIYU_AI_PROVIDER',
  'SIYU_AI_MODEL',
  'SIYU_AI_MODEL_NAME',
  'SIYU_AI_TIMEOUT_MS',
  'SIYU_CONTENT_SECURITY',
  'SIYU_VARIANT_RUNNERS',
  'SIYU_VARIANT_RETENTION_DAYS',
  'SIYU_VARIANT_RUNNER_BUDGET_MS',
  'SIYU_ID_SECRET',
] as const satisfies readonly SettingName[];

export class EnvError extends Error {
  override name = 'EnvError';
}

let cache: { key: string; env: ServerEnv } | undefined;

/** Parses the given variables (process.env by default). Throws EnvError naming the bad variable. */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): ServerEnv {
  const key = JSON.stringify(FUNCTION_SETTINGS.map((name) => source[name]));
  if (cache?.key === key) return cache.env;
  const parsed = readSettings(FUNCTION_SETTINGS, source);
  if (!parsed.ok) {
    throw new EnvError(`invalid environment variable(s): ${parsed.problems.map((p) => p.name).join(', ')}`);
  }
  const d = parsed.values;
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
    variantRunners: d.SIYU_VARIANT_RUNNERS,
    variantRetentionDays: d.SIYU_VARIANT_RETENTION_DAYS,
    variantRunnerBudgetMs: d.SIYU_VARIANT_RUNNER_BUDGET_MS,
    ...(d.SIYU_ID_SECRET !== undefined ? { idSecret: d.SIYU_ID_SECRET } : {}),
  };
  cache = { key, env };
  return env;
}

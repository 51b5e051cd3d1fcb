/**
 * Every setting Siyu reads from its environment, declared once: who reads it, how it is validated,
 * its default, whether it is a secret, and one line for the README (`npm run docs:settings` writes
 * the README table from this list; a test fails when they drift).
 *
 * Readers: the cloud functions (server/env.ts), the local cloud (host/config.ts, which also passes
 * the function settings on to the functions it runs), the deploy script (scripts/deploy.ts, which
 * sets the function settings on each deployed function) and the app build (Taro's TARO_APP_*).
 *
 * This file is bundled into every cloud function: zod and plain data only, no Node modules.
 */
import * as z from 'zod';

export type Reader = 'function' | 'local-cloud' | 'deploy' | 'app-build';

export const LOG_LEVELS = ['silent', 'error', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const AI_PROVIDERS = ['off', 'cloudbase'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];
export const CONTENT_SECURITY_MODES = ['strict', 'lenient'] as const;
export type ContentSecurityMode = (typeof CONTENT_SECURITY_MODES)[number];

/** Letters, digits, _ and -: WeChat openids and the local demo ids both fit. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** CloudBase environment ids: lower-case letters, digits and hyphens. */
export const ENV_ID_PATTERN = /^[a-z0-9-]{1,40}$/;

export interface SettingSpec {
  readers: readonly Reader[];
  /** Parses the raw text; `undefined` (unset or empty) yields the default. */
  schema: z.ZodType;
  /** The default as the README shows it ('' when there is none). */
  defaultText: string;
  /** A secret is never printed, logged, committed or passed to a function. */
  secret: boolean;
  /** Readers that refuse to run without an explicit value. */
  requiredFor?: readonly Reader[];
  /**
   * A key the functions need (so not a `secret`, which never reaches a function) whose value is
   * still never printed: the deploy shows it as "set (hidden)".
   */
  hidden?: boolean;
  description: string;
}

const flag = (on: (raw: string) => boolean, fallback: string) => z.string().default(fallback).transform(on);
const modelId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" and "-" only');

export const SETTINGS = {
  SIYU_HQ_OPENIDS: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z
      .string()
      .default('')
      .transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .pipe(z.array(z.string().regex(OPENID_PATTERN, 'openid: letters, digits, _ and - only'))),
    defaultText: '',
    secret: false,
    requiredFor: ['deploy'],
    description:
      'Comma list of openids that are HQ operators; bootstraps HQ in production (`npm start` adds the demo `o_demo_hq`)',
  },
  SIYU_LOG_LEVEL: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.enum(LOG_LEVELS).default('info'),
    defaultText: 'info',
    secret: false,
    description: "Functions' own JSON log lines: `silent`, `error` or `info`",
  },
  SIYU_AI_PROVIDER: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.enum(AI_PROVIDERS).default('off'),
    defaultText: 'off',
    secret: false,
    description:
      "Optional LLM rewrite of guides' variants: `off` or `cloudbase` (CloudBase AI+, switched on in the console)",
  },
  SIYU_AI_MODEL: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: modelId.default('hunyuan-exp'),
    defaultText: 'hunyuan-exp',
    secret: false,
    description: 'CloudBase AI model group passed to createModel',
  },
  SIYU_AI_MODEL_NAME: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: modelId.default('hunyuan-lite'),
    defaultText: 'hunyuan-lite',
    secret: false,
    description: 'Model inside that group',
  },
  SIYU_AI_TIMEOUT_MS: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.coerce.number().int().min(500).max(10_000).default(4000),
    defaultText: '4000',
    secret: false,
    description: 'Milliseconds one AI rewrite may take before the local variation engine is used (500–10000)',
  },
  SIYU_CONTENT_SECURITY: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.enum(CONTENT_SECURITY_MODES).default('strict'),
    defaultText: 'strict',
    secret: false,
    description:
      'When msgSecCheck or the image check is unreachable: `strict` refuses to publish, `lenient` publishes, logs an error and has the recheckPosts timer check the post later, withdrawing it with a notice to HQ if refused (a rejected text is refused in both)',
  },
  SIYU_VARIANT_RUNNERS: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.coerce.number().int().min(0).max(200).default(20),
    defaultText: '20',
    secret: false,
    description:
      "Invocations of the content function that make a published post's guide variants at once (0: only the prepareVariants timer and guides' own openings)",
  },
  SIYU_VARIANT_RETENTION_DAYS: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.coerce.number().int().min(1).max(365).default(7),
    defaultText: '7',
    secret: false,
    description:
      "Days a guide's variant images are kept; older ones are deleted and made again, the same bytes, when opened",
  },
  SIYU_VARIANT_RUNNER_BUDGET_MS: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.coerce.number().int().min(1).max(12000).default(10000),
    defaultText: '10000',
    secret: false,
    description:
      "Milliseconds a variant runner starts new images in; at the end it hands its batch's unfinished guides back (finished images kept) instead of running into the content function's timeout",
  },
  SIYU_ID_SECRET: {
    readers: ['function', 'local-cloud', 'deploy'],
    schema: z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').optional(),
    defaultText: '',
    secret: false,
    hidden: true,
    requiredFor: ['deploy'],
    description:
      'Key of the keyed hashes that stand for a person in ids (coupons, journal entries, visits, tombstones); never stored in the database. The local cloud makes one per data directory (`<data dir>/id-secret`) when unset. Changing it orphans existing tombstones',
  },
  SIYU_ENV_ID: {
    readers: ['local-cloud', 'deploy'],
    schema: z.string().regex(ENV_ID_PATTERN, 'lower-case letters, digits and - only').default('siyu-local'),
    defaultText: 'siyu-local',
    secret: false,
    requiredFor: ['deploy'],
    description: 'CloudBase environment id (deploy target; the weapp is built with it as TARO_APP_CLOUD_ENV)',
  },
  SIYU_APPID: {
    readers: ['local-cloud', 'deploy'],
    schema: z
      .string()
      .regex(/^wx[0-9a-z]{1,30}$/, 'wx followed by letters and digits')
      .default('wx00000000siyulocal'),
    defaultText: 'wx00000000siyulocal',
    secret: false,
    requiredFor: ['deploy'],
    description: "The mini-program's appid (deploy: wx + 16 hex digits, the one the environment belongs to)",
  },
  SIYU_DEPLOY_REGION: {
    readers: ['deploy'],
    schema: z
      .string()
      .regex(/^[a-z]{2}-[a-z]+$/, 'a Tencent Cloud region such as ap-shanghai')
      .default('ap-shanghai'),
    defaultText: 'ap-shanghai',
    secret: false,
    description: 'Tencent Cloud region of the CloudBase environment',
  },
  TENCENTCLOUD_SECRETID: {
    readers: ['deploy'],
    schema: z.string().min(1).optional(),
    defaultText: '',
    secret: true,
    description:
      'API key id of a sub-account allowed to manage the environment (real deploy only; never in a file in the repo)',
  },
  TENCENTCLOUD_SECRETKEY: {
    readers: ['deploy'],
    schema: z.string().min(1).optional(),
    defaultText: '',
    secret: true,
    description: 'API key secret for that id (real deploy only)',
  },
  TENCENTCLOUD_SESSIONTOKEN: {
    readers: ['deploy'],
    schema: z.string().min(1).optional(),
    defaultText: '',
    secret: true,
    description: 'Session token when the key is a temporary (STS) credential',
  },
  TARO_APP_CLOUD_ENV: {
    readers: ['app-build'],
    schema: z.string().regex(ENV_ID_PATTERN, 'lower-case letters, digits and - only').optional(),
    defaultText: '',
    secret: false,
    description: "Cloud env id compiled into the weapp (unset: the project's default env); `npm run deploy` sets it",
  },
  TARO_APP_CLOUD_BASE: {
    readers: ['app-build'],
    schema: z.url().optional(),
    defaultText: '',
    secret: false,
    description: 'H5 only: origin of the local cloud when it does not serve the app itself',
  },
  PORT: {
    readers: ['local-cloud'],
    schema: z.coerce.number().int().min(0).max(65535).default(8787),
    defaultText: '8787',
    secret: false,
    description: 'Local cloud listen port on 127.0.0.1',
  },
  SIYU_DATA_DIR: {
    readers: ['local-cloud'],
    schema: z.string().min(1).default('.data'),
    defaultText: '.data',
    secret: false,
    description: 'Local database and files (relative to the repository root)',
  },
  SIYU_SEED: {
    readers: ['local-cloud'],
    schema: flag((raw) => raw !== '0', '1'),
    defaultText: '1',
    secret: false,
    description: '`0` starts the local cloud empty instead of loading the demo data',
  },
  SIYU_SKIP_H5: {
    readers: ['local-cloud'],
    schema: flag((raw) => raw === '1', '0'),
    defaultText: '0',
    secret: false,
    description: '`1` makes `npm start` skip the H5 build (read by scripts/start.mjs)',
  },
  SIYU_FUNCTION_INSTANCES: {
    readers: ['local-cloud'],
    schema: z.coerce.number().int().min(1).max(64).optional(),
    defaultText: '',
    secret: false,
    description:
      'Instances (worker processes) of one function the local cloud runs at once (unset: 2 per CPU core, at least 4); more calls wait for one',
  },
  SIYU_ALLOWED_ORIGINS: {
    readers: ['local-cloud'],
    schema: z
      .string()
      .default('')
      .transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim().replace(/\/$/, ''))
          .filter((s) => s.length > 0),
      )
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'origin: scheme://host[:port], no path'))),
    defaultText: '',
    secret: false,
    description:
      'Comma list of other web origins allowed to call the local cloud from a browser (an H5 app served elsewhere); its own page always may',
  },
  SIYU_QUIET: {
    readers: ['local-cloud'],
    schema: flag((raw) => raw === '1', '0'),
    defaultText: '0',
    secret: false,
    description: "`1` silences the local cloud's request log",
  },
  SIYU_LOG_WIRE: {
    readers: ['local-cloud'],
    schema: flag((raw) => raw === '1', '0'),
    defaultText: '0',
    secret: false,
    description: '`1` also logs every CloudBase wire request (database, storage, openapi)',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = z.output<(typeof SETTINGS)[N]['schema']>;
export type SettingValues<N extends SettingName> = { [K in N]: SettingValue<K> };

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The settings a reader uses, in declaration order. */
export function settingsFor(reader: Reader): SettingName[] {
  return SETTING_NAMES.filter((name) => (SETTINGS[name].readers as readonly Reader[]).includes(reader));
}

export interface SettingProblem {
  name: SettingName;
  /** Never contains the value (it may be a secret). */
  message: string;
}

export type SettingsResult<N extends SettingName> =
  | {
      ok: true;
      values: SettingValues<N>;
      /** Names set explicitly (non-empty) in the source. */
      given: ReadonlySet<N>;
      /** The explicit values as text, trimmed: what a reader passes on to another process. */
      raw: Partial<Record<N, string>>;
    }
  | { ok: false; problems: SettingProblem[] };

export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Parses the named settings from `source`. An empty value means "not set" (a blank field in a
 * console). With `reader`, a setting that reader requires must be set explicitly.
 */
export function readSettings<N extends SettingName>(
  names: readonly N[],
  source: EnvSource,
  reader?: Reader,
): SettingsResult<N> {
  const values: Partial<Record<N, unknown>> = {};
  const raw: Partial<Record<N, string>> = {};
  const given = new Set<N>();
  const problems: SettingProblem[] = [];
  for (const name of names) {
    const spec: SettingSpec = SETTINGS[name];
    const text = source[name]?.trim() || undefined;
    if (text !== undefined) {
      given.add(name);
      raw[name] = text;
    } else if (reader && spec.requiredFor?.includes(reader)) {
      problems.push({ name, message: `required for ${reader}` });
      continue;
    }
    const parsed = spec.schema.safeParse(text);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ name, message: parsed.error.issues.map((i) => i.message).join('; ') });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, values: values as SettingValues<N>, given, raw };
}

/**
 * The local cloud's configuration: every port, path and environment variable in one validated
 * module. Nothing else in host/ reads process.env for configuration (the function runtime does
 * write per-invocation variables, which is the platform contract, not configuration).
 */
import os from 'node:os';
import path from 'node:path';
import { SETTINGS, readSettings, type LogLevel, type SettingName } from '@server/config/settings';
import { FUNCTION_SETTINGS } from '@server/env';

/** Repository root: host/ sits directly under it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * Fixed values of the local cloud that are not meant to be changed per run. Defaults of the values
 * that are (port, data dir, env id, appid) live with their settings in server/config/settings.ts.
 */
export const DEFAULTS = {
  port: Number(SETTINGS.PORT.defaultText),
  host: '127.0.0.1',
  functionsDir: path.join(REPO_ROOT, 'cloudfunctions'),
  h5Dir: path.join(REPO_ROOT, 'dist', 'h5'),
  /** Database file and storage folder, relative to the data directory. */
  databaseFile: 'siyu.sqlite',
  filesDir: 'files',
  /**
   * Largest request body per route, in bytes (a larger one is refused before it is read): a
   * function call's event (CloudBase caps it at 6 MB), an H5 upload (the editor's images), the wire
   * (database batches and the SDK's multipart open-API calls) and the SDK's signed upload.
   */
  bodyLimits: { bridge: 6 << 20, upload: 20 << 20, admin: 32 << 20, files: 50 << 20 },
  /**
   * The environment's message push (CloudBase 设置 → 消息推送, mode 云函数): the one function each
   * pushed event type goes to. Production configures the same (docs/production-checklist.md).
   */
  messagePush: { wxa_media_check: 'content' },
  /** Milliseconds between a mediaCheckAsync call and its pushed verdict (WeChat: up to 30 minutes). */
  mediaCheckDelayMs: 300,
} as const;

/** HTTP paths of the outside contract (the routes table in host/README.md). */
export const ROUTES = {
  health: '/healthz',
  admin: '/admin',
  functionBridge: '/fn/',
  upload: '/storage/upload',
  files: '/files/',
  devUsers: '/dev/users',
  /** The signed-in (x-openid) user's received subscribe messages, for the H5-only inbox page. */
  devInbox: '/dev/inbox',
} as const;

/**
 * The settings the local cloud reads (declared in server/config/settings.ts), in the order problems
 * are listed: its own, then the function settings it passes on to the functions it runs.
 */
const HOST_SETTINGS = [
  'PORT',
  'SIYU_DATA_DIR',
  'SIYU_SEED',
  'SIYU_ENV_ID',
  'SIYU_APPID',
  'SIYU_QUIET',
  'SIYU_LOG_WIRE',
  'SIYU_FUNCTION_INSTANCES',
  'SIYU_ALLOWED_ORIGINS',
  ...FUNCTION_SETTINGS,
] as const satisfies readonly SettingName[];

/** Function settings passed through as given; HQ and the log level have their own fields. */
const PASSED_TO_FUNCTIONS = FUNCTION_SETTINGS.filter(
  (name): name is Exclude<(typeof FUNCTION_SETTINGS)[number], 'SIYU_HQ_OPENIDS' | 'SIYU_LOG_LEVEL'> =>
    name !== 'SIYU_HQ_OPENIDS' && name !== 'SIYU_LOG_LEVEL',
);

export interface HostConfig {
  port: number;
  host: string;
  dataDir: string;
  functionsDir: string;
  h5Dir: string;
  seed: boolean;
  hqOpenids: string[];
  envId: string;
  appid: string;
  quiet: boolean;
  /** Log each /admin wire request, not only function calls. */
  logWire: boolean;
  /** Instances (worker processes) of one function working at once. */
  functionInstances: number;
  /** Web origins besides its own that a browser may call it from (SIYU_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  functionLogLevel?: LogLevel;
  /** Function settings from this environment (validated), handed to every function as they are. */
  functionSettings?: Readonly<Record<string, string>>;
}

/**
 * Two instances per core: an instance runs one call at a time, and most calls spend their time
 * waiting on the database, so one per core would leave the cores idle; image work (CPU-bound)
 * gains nothing beyond one per core but loses little. At least four, so a function that calls
 * itself through cloud.callFunction and waits for the answer still finds an instance.
 */
export function defaultInstances(): number {
  return Math.max(4, 2 * os.availableParallelism());
}

/** Reads and validates the environment; throws with every problem listed when it is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HostConfig {
  const parsed = readSettings(HOST_SETTINGS, env);
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => `  ${p.name}: ${p.message}`);
    throw new Error(`local cloud: invalid environment\n${lines.join('\n')}`);
  }
  const e = parsed.values;
  const functionSettings: Record<string, string> = {};
  for (const name of PASSED_TO_FUNCTIONS) {
    const text = parsed.raw[name];
    if (text !== undefined) functionSettings[name] = text;
  }
  return {
    port: e.PORT,
    host: DEFAULTS.host,
    dataDir: path.resolve(REPO_ROOT, e.SIYU_DATA_DIR),
    functionsDir: DEFAULTS.functionsDir,
    h5Dir: DEFAULTS.h5Dir,
    seed: e.SIYU_SEED,
    hqOpenids: e.SIYU_HQ_OPENIDS,
    envId: e.SIYU_ENV_ID,
    appid: e.SIYU_APPID,
    quiet: e.SIYU_QUIET,
    logWire: e.SIYU_LOG_WIRE,
    functionInstances: e.SIYU_FUNCTION_INSTANCES ?? defaultInstances(),
    allowedOrigins: e.SIYU_ALLOWED_ORIGINS,
    ...(parsed.given.has('SIYU_LOG_LEVEL') ? { functionLogLevel: e.SIYU_LOG_LEVEL } : {}),
    functionSettings,
  };
}

/**
 * The local cloud's configuration: every port, path and environment variable in one validated
 * module. Nothing else in host/ reads process.env for configuration (the function runtime does
 * write per-invocation variables, which is the platform contract, not configuration).
 */
import path from 'node:path';
import * as z from 'zod';

/** Repository root: host/ sits directly under it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Fixed values of the local cloud that are not meant to be changed per run. */
export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: path.join(REPO_ROOT, '.data'),
  functionsDir: path.join(REPO_ROOT, 'cloudfunctions'),
  h5Dir: path.join(REPO_ROOT, 'dist', 'h5'),
  envId: 'siyu-local',
  appid: 'wx00000000siyulocal',
  /** Database file and storage folder, relative to the data directory. */
  databaseFile: 'siyu.sqlite',
  filesDir: 'files',
  /** Request bodies above this are refused (413); CloudBase caps a function call at 6 MB. */
  maxBodyBytes: 32 * 1024 * 1024,
  /** Platform defaults for a function without its own config.json values. */
  functionTimeoutSeconds: 3,
  functionMemoryMb: 256,
} as const;

/** HTTP paths of the outside contract (DESIGN.md, "The local cloud's outside contract"). */
export const ROUTES = {
  health: '/healthz',
  admin: '/admin',
  functionBridge: '/fn/',
  upload: '/storage/upload',
  files: '/files/',
  devUsers: '/dev/users',
} as const;

const openidList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid: letters, digits, _ and - only')));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULTS.port),
  SIYU_DATA_DIR: z.string().min(1).default(DEFAULTS.dataDir),
  /** '0' starts empty; anything else loads the demo data into an empty database. */
  SIYU_SEED: z.string().default('1'),
  SIYU_HQ_OPENIDS: openidList.default([]),
  SIYU_ENV_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default(DEFAULTS.envId),
  SIYU_APPID: z
    .string()
    .regex(/^wx[0-9a-z]{1,30}$/)
    .default(DEFAULTS.appid),
  /** '1' silences the per-request log. */
  SIYU_QUIET: z.string().default('0'),
  /** '1' logs every CloudBase wire request (database, storage, openapi): noisy, for debugging the emulator. */
  SIYU_LOG_WIRE: z.string().default('0'),
  /** Log level handed to the functions (server/env.ts reads it there). */
  SIYU_LOG_LEVEL: z.enum(['silent', 'error', 'info']).optional(),
});

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
  functionLogLevel?: 'silent' | 'error' | 'info';
}

/** Reads and validates the environment; throws with every problem listed when it is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HostConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`local cloud: invalid environment\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: DEFAULTS.host,
    dataDir: path.resolve(REPO_ROOT, e.SIYU_DATA_DIR),
    functionsDir: DEFAULTS.functionsDir,
    h5Dir: DEFAULTS.h5Dir,
    seed: e.SIYU_SEED !== '0',
    hqOpenids: e.SIYU_HQ_OPENIDS,
    envId: e.SIYU_ENV_ID,
    appid: e.SIYU_APPID,
    quiet: e.SIYU_QUIET === '1',
    logWire: e.SIYU_LOG_WIRE === '1',
    ...(e.SIYU_LOG_LEVEL ? { functionLogLevel: e.SIYU_LOG_LEVEL } : {}),
  };
}

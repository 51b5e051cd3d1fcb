/**
 * The local cloud: an emulator of WeChat CloudBase for one machine (database, storage, open
 * APIs, cloud functions with timers, and the H5 bridge) that the real, unmodified wx-server-sdk
 * talks to. Like the Firebase Local Emulator Suite, each service starts and stops on its own and
 * `startLocalCloud` wires them together.
 *
 *   const cloud = await startLocalCloud({ port: 0, dataDir: tmp, quiet: true });
 *   await cloud.invoke('account', { action: 'whoami' }, { openid: 'o1' });
 *   await cloud.stop();
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '@core/db/schema';
import { AI_GATEWAY_ROUTE, AiGateway, type AiModel } from './ai/ai-gateway';
import { installGatewayRedirect } from './ai/gateway-redirect';
import { DEFAULTS, ROUTES, loadConfig, type HostConfig } from './config';
import { lockDataDir } from './data-dir-lock';
import { localIdSecret } from './id-secret';
import { DatabaseEngine } from './db/engine';
import type { EnvVars } from './functions/env-proxy';
import { FunctionRuntime, type Caller, type Isolation } from './functions/runtime';
import { TimerService } from './functions/timer-service';
import { HttpServer, type DevUser } from './http/server';
import { StaticSite } from './http/static-files';
import { MEDIA_CHECK_EVENT, MediaCheckService } from './openapi/apis/media-check';
import { OUTBOX_COLLECTION, type OutboxMessage } from './openapi/apis/subscribe-message';
import { OpenApiService } from './openapi/openapi-service';
import type { WordGroup } from './openapi/sensitive-words';
import { sdkWireEnv } from './sdk-env';
import { FileStore } from './storage/file-store';
import { StorageService } from './storage/storage-service';

export interface StartOptions {
  /** Listen port on 127.0.0.1; 0 picks a free one. Default: config (PORT, else 8787). */
  port?: number;
  /** Database and files. Default: config (SIYU_DATA_DIR, else `.data/` at the repo root). */
  dataDir?: string;
  /** Folder(s) of deployable functions (`<name>/index.js`); earlier ones win on a name clash. */
  functionsDir?: string | readonly string[];
  /** Built H5 app to serve; served only if `index.html` is there. */
  h5Dir?: string;
  /** Openids that are HQ; passed to every function as SIYU_HQ_OPENIDS. */
  hqOpenids?: readonly string[];
  /** No request log; functions log errors only. */
  quiet?: boolean;
  /** Web origins besides its own a browser may call it from. Default: config (SIYU_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Arm timer triggers from each function's config.json (default true). */
  timers?: boolean;
  /** The app's page list for wxacode's check_path (default: no check). */
  pages?: readonly string[] | null;
  /** Milliseconds before mediaCheckAsync pushes its verdict. Default: DEFAULTS.mediaCheckDelayMs. */
  mediaCheckDelayMs?: number;
  /** Replaces the local content-security word list. */
  sensitiveWords?: readonly WordGroup[];
  /**
   * How the fake CloudBase AI model answers (default 'ok'): a mode or a function of the request.
   * Reached only when a function calls cloud.ai(), i.e. with SIYU_AI_PROVIDER=cloudbase in functionEnv.
   */
  aiModel?: AiModel;
  /** Extra environment variables for every function (e.g. SIYU_AI_PROVIDER in tests); win over the config's. */
  functionEnv?: EnvVars;
  /** Instances of one function working at once. Default: config (SIYU_FUNCTION_INSTANCES). */
  instances?: number;
  /** Where instances run: 'process' (default, as on the platform) or 'inline' (see functions/worker/inline.ts). */
  isolation?: Isolation;
  /** Base configuration; default read from the environment by loadConfig(). */
  config?: HostConfig;
}

export interface LocalCloud {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The CloudBase wire endpoint for TCB_CONTEXT_CNFG. */
  adminUrl: string;
  port: number;
  dataDir: string;
  envId: string;
  appid: string;
  hqOpenids: readonly string[];
  engine: DatabaseEngine;
  storage: StorageService;
  /** The emulated open APIs; tests may swap one out to simulate WeChat being unreachable. */
  openapi: OpenApiService;
  /** mediaCheckAsync's pushes: tests wait for them (`idle`) or hold them back (`hold` / `release`). */
  mediaCheck: MediaCheckService;
  /** The fake AI model behind cloud.ai(): its request log, and `model` to script the next replies. */
  ai: AiGateway;
  runtime: FunctionRuntime;
  timers: TimerService;
  /**
   * Calls a function as the mini-program would (default caller: a user with no openid): the event
   * gains `userInfo` like a client call's; the reply is the function's return value.
   */
  invoke(name: string, event?: Record<string, unknown>, caller?: Caller): Promise<unknown>;
  /** Subscribe messages sent so far, oldest first. */
  outbox(): (OutboxMessage & { _id: string })[];
  /** Variables that point a wx-server-sdk in any process at this cloud. */
  sdkEnv(): EnvVars;
  /** Stops timers, lets running invocations finish (briefly), closes HTTP and the database. */
  stop(): Promise<void>;
}

function asList(dirs: string | readonly string[]): string[] {
  return (typeof dirs === 'string' ? [dirs] : [...dirs]).map((d) => path.resolve(d));
}

/**
 * getWXContext().SOURCE of a message push in the local cloud. WeChat documents no value for it; the
 * kit accepts a push from any source that is neither a client's nor a function's, as it does timers.
 */
export const MESSAGE_PUSH_SOURCE = 'wx_msgpush';

/** A message push runs the function the environment's message push names, as the platform, with no user. */
async function deliverPush(runtime: FunctionRuntime, appid: string, event: Record<string, unknown>): Promise<void> {
  const target = DEFAULTS.messagePush[MEDIA_CHECK_EVENT];
  try {
    await runtime.invoke(target, event, { source: MESSAGE_PUSH_SOURCE, openid: '', unionid: '', appid });
  } catch (err) {
    console.error(`[local-cloud] message push ${String(event.Event)} to ${target}: ${(err as Error).message}`);
  }
}

export async function startLocalCloud(opts: StartOptions = {}): Promise<LocalCloud> {
  const config = opts.config ?? loadConfig();
  const quiet = opts.quiet ?? config.quiet;
  const log = quiet ? () => undefined : (line: string) => console.log(`[local-cloud] ${line}`);
  const dataDir = path.resolve(opts.dataDir ?? config.dataDir);
  const hqOpenids = [...(opts.hqOpenids ?? config.hqOpenids)];
  const { envId, appid } = config;
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let engine: DatabaseEngine;
  try {
    engine = new DatabaseEngine({ file: path.join(dataDir, DEFAULTS.databaseFile), collections: COLLECTIONS });
  } catch (err) {
    lock.release();
    throw err;
  }
  let http: HttpServer | undefined;
  let timers: TimerService | undefined;
  let runtime: FunctionRuntime | undefined;
  try {
    let baseUrl = '';
    const storage = new StorageService(
      new FileStore(path.join(dataDir, DEFAULTS.filesDir), envId),
      () => baseUrl,
      ROUTES.files,
    );
    const ai = new AiGateway(opts.aiModel);
    installGatewayRedirect(AI_GATEWAY_ROUTE);
    // Function settings from the local cloud's own environment (SIYU_AI_*, SIYU_CONTENT_SECURITY), as a deploy sets them.
    const functionEnv: EnvVars = { ...config.functionSettings, SIYU_HQ_OPENIDS: hqOpenids.join(',') };
    functionEnv.SIYU_ID_SECRET ??= localIdSecret(dataDir);
    if (config.functionLogLevel) functionEnv.SIYU_LOG_LEVEL = config.functionLogLevel;
    else if (quiet) functionEnv.SIYU_LOG_LEVEL = 'error';
    Object.assign(functionEnv, opts.functionEnv);
    runtime = new FunctionRuntime({
      functionsDirs: asList(opts.functionsDir ?? config.functionsDir),
      envId,
      appid,
      serviceUrl: () => `${baseUrl}${ROUTES.admin}`,
      instances: opts.instances ?? config.functionInstances,
      isolation: opts.isolation ?? 'process',
      gatewayRoute: AI_GATEWAY_ROUTE,
      functionEnv,
      log,
    });
    const fnRuntime = runtime;
    const mediaCheck = new MediaCheckService({
      delayMs: opts.mediaCheckDelayMs ?? DEFAULTS.mediaCheckDelayMs,
      fetchMedia: async (url) => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      },
      deliver: (event) => deliverPush(fnRuntime, appid, event),
    });
    const openapi = new OpenApiService({
      recordOutbox: (msg) => engine.insertDoc(OUTBOX_COLLECTION, { ...msg }),
      pages: opts.pages ?? null,
      words: opts.sensitiveWords,
      mediaCheck,
    });
    const devUsers = (): DevUser[] => {
      const storeNames = new Map(
        engine.findDocs('stores').map((s) => [String(s._id), typeof s.name === 'string' ? s.name : '']),
      );
      const users: DevUser[] = hqOpenids.map((openid) => ({ openid, role: 'hq', name: '总部运营' }));
      for (const u of engine.findDocs('users')) {
        const storeId = typeof u.storeId === 'string' ? u.storeId : undefined;
        const storeName = storeId ? storeNames.get(storeId) : undefined;
        users.push({
          openid: String(u._id),
          role: typeof u.role === 'string' ? u.role : 'customer',
          name: typeof u.name === 'string' ? u.name : '',
          ...(storeId ? { storeId } : {}),
          ...(storeName ? { storeName } : {}),
        });
      }
      return users;
    };
    const outbox = () =>
      (engine.findDocs(OUTBOX_COLLECTION) as unknown as (OutboxMessage & { _id: string })[]).sort(
        (a, b) => a.sentAt - b.sentAt,
      );
    http = new HttpServer({
      database: engine,
      storage,
      openapi,
      ai,
      runtime: fnRuntime,
      site: new StaticSite(opts.h5Dir ?? config.h5Dir),
      devUsers,
      inbox: (openid) =>
        outbox()
          .filter((m) => m.touser === openid)
          .reverse()
          .map((m) => ({ id: m._id, templateId: m.templateId, page: m.page, data: m.data, sentAt: m.sentAt })),
      bodyLimits: DEFAULTS.bodyLimits,
      allowedOrigins: opts.allowedOrigins ?? config.allowedOrigins,
      log,
      logWire: config.logWire ? log : () => {},
      logError: (line) => console.error(`[local-cloud] ${line}`),
    });
    let port: number;
    const wanted = opts.port ?? config.port;
    try {
      port = await http.start(wanted, config.host);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new Error(`local cloud: port ${wanted} is in use; set PORT to another one`);
      throw err;
    }
    baseUrl = http.url;
    // Started before the timers and the first calls, the way the platform keeps provisioned instances.
    void fnRuntime.prewarm();
    timers = new TimerService(fnRuntime, { log });
    if (opts.timers ?? true) timers.start();
    http.markReady();

    const server = http;
    const timerService = timers;
    let stopping: Promise<void> | undefined;
    return {
      url: baseUrl,
      adminUrl: `${baseUrl}${ROUTES.admin}`,
      port,
      dataDir,
      envId,
      appid,
      hqOpenids,
      engine,
      storage,
      openapi,
      mediaCheck,
      ai,
      runtime: fnRuntime,
      timers: timerService,
      invoke: (name, event = {}, caller = {}) => {
        const fromClient = (caller.source ?? 'wx_client') === 'wx_client';
        // A mini-program call carries userInfo in its event (wx.cloud.callFunction adds it), so this does too.
        const withUser =
          fromClient && !('userInfo' in event)
            ? {
                ...event,
                userInfo: { appId: caller.appid ?? appid, ...(caller.openid ? { openId: caller.openid } : {}) },
              }
            : event;
        return fnRuntime.invoke(name, withUser, caller);
      },
      outbox,
      sdkEnv: () => sdkWireEnv(`${baseUrl}${ROUTES.admin}`, envId),
      stop: () =>
        (stopping ??= (async () => {
          timerService.stop();
          ai.stop();
          mediaCheck.stop();
          // Running invocations still need the wire, so HTTP closes after them.
          await fnRuntime.stop();
          await server.stop();
          engine.close();
          lock.release();
        })()),
    };
  } catch (err) {
    timers?.stop();
    await runtime?.stop(0);
    await http?.stop();
    engine.close();
    lock.release();
    throw err;
  }
}

export { loadConfig } from './config';
export type { Caller } from './functions/runtime';

/**
 * The local cloud's one HTTP listener on 127.0.0.1: the CloudBase wire (/admin), the object
 * store URLs the SDK uploads to and downloads from, the H5 bridge (/fn, /storage/upload), the
 * local-only sign-in list (/dev/users), health, and the built H5 app.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MESSAGES, type ErrorCode } from '@core/errors';
import { AI_GATEWAY_ROUTE, type AiGateway } from '../ai/ai-gateway';
import { ROUTES } from '../config';
import { FunctionError, type FunctionRuntime } from '../functions/runtime';
import { invokeFunctionAction } from '../functions/functions-wire';
import type { OpenApiService } from '../openapi/openapi-service';
import { StoragePathError } from '../storage/file-store';
import type { StorageService } from '../storage/storage-service';
import { BodyTooLargeError, CORS_HEADERS, readBody, send, sendJson } from './http-util';
import { parseMultipart, type MultipartPart } from './multipart';
import type { StaticSite } from './static-files';

/** The database side as the server needs it (A1's DatabaseEngine satisfies it). */
export interface WireDatabase {
  handle(body: Record<string, unknown>): Record<string, unknown>;
}

export interface DevUser {
  openid: string;
  role: string;
  name: string;
  storeId?: string;
  storeName?: string;
}

export interface ServerDeps {
  database: WireDatabase;
  storage: StorageService;
  openapi: OpenApiService;
  /** The CloudBase HTTP API gateway's AI routes (cloud.ai()). */
  ai: AiGateway;
  runtime: FunctionRuntime;
  site: StaticSite;
  devUsers: () => DevUser[];
  maxBodyBytes: number;
  /** Request log (silenced by quiet). */
  log: (line: string) => void;
  /** Per-request log of the CloudBase wire (/admin): off unless SIYU_LOG_WIRE=1. */
  logWire: (line: string) => void;
  /** Faults of the local cloud itself: always shown, they are bugs to fix. */
  logError: (line: string) => void;
}

/** The CloudBase JSON content type; for a multipart call it tells the SDK "this is an error". */
const TCB_JSON = 'application/json; charset=utf-8';

const OPENID_HEADER = /^[A-Za-z0-9_-]{1,64}$/;

const STATUS_OF: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 412,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
};

function sendError(res: ServerResponse, code: ErrorCode, message: string = DEFAULT_MESSAGES[code]): void {
  sendJson(res, STATUS_OF[code], { ok: false, error: { code, message } });
}

function tcbError(code: string, message: string): Record<string, unknown> {
  return { code, message, requestId: `local-${Date.now().toString(36)}` };
}

function parseJsonObject(buf: Buffer): Record<string, unknown> | null {
  if (buf.length === 0) return {};
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class HttpServer {
  private readonly deps: ServerDeps;
  private readonly server: http.Server;
  private ready = false;
  private port = 0;

  constructor(deps: ServerDeps) {
    this.deps = deps;
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => this.fail(res, err));
    });
    // Keep-alive sockets from the SDK would otherwise hold stop() open.
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** /healthz answers 200 only after this (every service started). */
  markReady(): void {
    this.ready = true;
  }

  async stop(): Promise<void> {
    this.ready = false;
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private fail(res: ServerResponse, err: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof BodyTooLargeError) {
      sendError(res, 'INVALID_ARGUMENT', '请求内容过大');
      return;
    }
    this.deps.logError(`http: ${(err as Error).stack ?? String(err)}`);
    sendError(res, 'INTERNAL');
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (p === ROUTES.health && (method === 'GET' || method === 'HEAD')) {
      sendJson(res, this.ready ? 200 : 503, { ok: this.ready });
      return;
    }
    if (p === ROUTES.admin && method === 'POST') return this.admin(req, res);
    if (p.startsWith(ROUTES.functionBridge) && method === 'POST')
      return this.bridge(req, res, p.slice(ROUTES.functionBridge.length));
    if (p === ROUTES.upload && method === 'POST') return this.bridgeUpload(req, res, url);
    if (p.startsWith(AI_GATEWAY_ROUTE)) return this.deps.ai.handle(req, res, p.slice(AI_GATEWAY_ROUTE.length));
    if (p.startsWith(ROUTES.files)) return this.files(req, res, p.slice(ROUTES.files.length));
    if (p === ROUTES.devUsers && method === 'GET') {
      sendJson(res, 200, { ok: true, data: { users: this.deps.devUsers() } });
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && this.deps.site.serve(req, res, p)) return;
    sendError(res, 'NOT_FOUND', '接口不存在');
  }

  // ---- CloudBase wire ------------------------------------------------------------------------

  private async admin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const buf = await readBody(req, this.deps.maxBodyBytes);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) return this.adminMultipart(res, buf, type);
    const body = parseJsonObject(buf);
    if (!body || typeof body.action !== 'string') {
      sendJson(res, 200, tcbError('INVALID_PARAM', 'request body must be a JSON object with an action'));
      return;
    }
    const action = body.action;
    const started = Date.now();
    const reply = await this.dispatch(action, body, req);
    this.deps.logWire(
      `admin ${action}${typeof body.collectionName === 'string' ? ` ${body.collectionName}` : ''} ${typeof reply.code === 'string' ? reply.code : 'ok'} ${Date.now() - started} ms`,
    );
    sendJson(res, 200, reply);
  }

  private async dispatch(
    action: string,
    body: Record<string, unknown>,
    req: IncomingMessage,
  ): Promise<Record<string, unknown>> {
    // A timed-out invocation is dead on the platform; its late requests must not land here either.
    if (this.deps.runtime.isExpiredToken(body.wxCloudApiToken)) {
      return tcbError('SYS_ERR', 'local cloud: the invocation that sent this request has timed out');
    }
    // Whatever breaks in here answers in the wire's own error shape, so the SDK reports it as an error.
    try {
      if (action.startsWith('database.')) return this.deps.database.handle(body);
      const storageAction = this.deps.storage.actions[action];
      if (storageAction) return storageAction(body);
      if (action === 'functions.invokeFunction') {
        const source = req.headers['x-tcb-source'];
        return await invokeFunctionAction(this.deps.runtime, body, typeof source === 'string' ? source : undefined);
      }
    } catch (err) {
      this.deps.logError(`admin ${action}: ${(err as Error).stack ?? String(err)}`);
      return tcbError('SYS_ERR', `local cloud: ${(err as Error).message}`);
    }
    return tcbError('ACTION_NOT_SUPPORTED', `local cloud: action ${action} is not emulated`);
  }

  private async adminMultipart(res: ServerResponse, buf: Buffer, contentType: string): Promise<void> {
    let parts: Map<string, MultipartPart>;
    try {
      parts = parseMultipart(buf, contentType);
    } catch (err) {
      sendJson(res, 200, tcbError('INVALID_PARAM', (err as Error).message), TCB_JSON);
      return;
    }
    const field = (name: string) => parts.get(name)?.data.toString('utf8') ?? '';
    const action = field('action');
    if (action !== 'wx.openApi') {
      sendJson(
        res,
        200,
        tcbError('ACTION_NOT_SUPPORTED', `local cloud: multipart action ${action || '(none)'} is not emulated`),
        TCB_JSON,
      );
      return;
    }
    const token = field('wxCloudApiToken');
    if (this.deps.runtime.isExpiredToken(token)) {
      sendJson(
        res,
        200,
        tcbError('SYS_ERR', 'local cloud: the invocation that sent this request has timed out'),
        TCB_JSON,
      );
      return;
    }
    const bytes = parts.get('requestData')?.data ?? Buffer.alloc(0);
    const ctx = this.deps.runtime.contextOfToken(token);
    const apiName = field('apiName');
    const reply = await this.deps.openapi.handle(apiName, bytes, {
      appid: ctx?.appid ?? '',
      functionName: ctx?.functionName ?? '',
      openid: ctx?.openid ?? '',
    });
    this.deps.logWire(`admin wx.openApi ${apiName} ${reply.kind === 'error' ? reply.code : 'ok'}`);
    if (reply.kind === 'error') {
      sendJson(res, 200, tcbError(reply.code, reply.message), TCB_JSON);
      return;
    }
    send(res, 200, reply.body, { 'content-type': 'application/octet-stream' });
  }

  // ---- object store ---------------------------------------------------------------------------

  private async files(req: IncomingMessage, res: ServerResponse, encoded: string): Promise<void> {
    const method = req.method ?? 'GET';
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(encoded);
    } catch {
      send(res, 400, 'bad path', { 'content-type': 'text/plain; charset=utf-8' });
      return;
    }
    const { storage } = this.deps;
    try {
      if (method === 'PUT') {
        const bytes = await readBody(req, this.deps.maxBodyBytes);
        const token = req.headers['x-cos-security-token'];
        const out = storage.acceptUpload(cloudPath, typeof token === 'string' ? token : undefined, bytes);
        send(res, out.status, out.body, { 'content-type': out.body ? 'application/xml' : 'text/plain' });
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        const file = storage.files.stat(cloudPath);
        if (!file) {
          send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
          return;
        }
        const body = storage.files.read(cloudPath) ?? Buffer.alloc(0);
        res.writeHead(200, { ...CORS_HEADERS, 'content-type': file.contentType, 'content-length': file.size });
        res.end(method === 'HEAD' ? undefined : body);
        return;
      }
    } catch (err) {
      if (err instanceof StoragePathError) {
        send(res, 400, err.message, { 'content-type': 'text/plain; charset=utf-8' });
        return;
      }
      throw err;
    }
    send(res, 405, 'method not allowed', { 'content-type': 'text/plain; charset=utf-8' });
  }

  // ---- H5 bridge ------------------------------------------------------------------------------

  private async bridge(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const buf = await readBody(req, this.deps.maxBodyBytes);
    const { runtime } = this.deps;
    if (!runtime.has(name)) {
      sendError(res, 'NOT_FOUND', '云函数不存在');
      return;
    }
    const body = parseJsonObject(buf);
    if (!body) {
      sendError(res, 'INVALID_ARGUMENT', '请求内容必须是 JSON 对象');
      return;
    }
    const header = req.headers['x-openid'];
    const openid = typeof header === 'string' ? header.trim() : '';
    if (openid && !OPENID_HEADER.test(openid)) {
      sendError(res, 'INVALID_ARGUMENT', 'x-openid 格式不正确');
      return;
    }
    // wx.cloud.callFunction adds userInfo to a client's event; the H5 client gets the same.
    const appid = runtime.appid;
    const event = { ...body, userInfo: { appId: appid, ...(openid ? { openId: openid } : {}) } };
    try {
      const result = await runtime.invoke(name, event, { openid, appid, source: 'wx_client' });
      sendJson(res, 200, result);
    } catch (err) {
      if (!(err instanceof FunctionError)) throw err;
      this.deps.log(`fn ${name} ${err.kind} request ${err.requestId}: ${err.message}`);
      if (err.kind === 'NOT_FOUND') sendError(res, 'NOT_FOUND', '云函数不存在');
      else if (err.kind === 'TIMEOUT')
        sendError(res, 'INTERNAL', `云函数执行超时，请稍后再试（编号 ${err.requestId}）`);
      else sendError(res, 'INTERNAL', `系统繁忙，请稍后再试（编号 ${err.requestId}）`);
    }
  }

  private async bridgeUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const bytes = await readBody(req, this.deps.maxBodyBytes);
    const cloudPath = url.searchParams.get('cloudPath') ?? '';
    try {
      const fileID = this.deps.storage.upload(cloudPath, bytes);
      sendJson(res, 200, { ok: true, data: { fileID, url: this.deps.storage.urlOf(cloudPath) } });
    } catch (err) {
      if (err instanceof StoragePathError) {
        sendError(res, 'INVALID_ARGUMENT', err.message);
        return;
      }
      throw err;
    }
  }
}

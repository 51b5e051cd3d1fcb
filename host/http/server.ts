/**
 * The local cloud's one HTTP listener on 127.0.0.1: the CloudBase wire (/admin), the object
 * store URLs the SDK uploads to and downloads from, the H5 bridge (/fn, /storage/upload), the
 * local-only sign-in list (/dev/users), health, and the built H5 app. Each group of routes lives
 * in its own module; this one listens, routes and answers faults.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AI_GATEWAY_ROUTE } from '../ai/ai-gateway';
import { ROUTES } from '../config';
import { bridge, bridgeUpload } from './bridge-routes';
import type { ServerDeps } from './deps';
import { files } from './file-routes';
import { BodyTooLargeError, sendError, sendJson } from './http-util';
import { corsHeaders, RequestGuard } from './request-guard';
import { admin } from './wire-routes';

export type { DevUser, ServerDeps, WireDatabase } from './deps';

export class HttpServer {
  private readonly deps: ServerDeps;
  private readonly server: http.Server;
  private ready = false;
  private port = 0;
  private guard: RequestGuard | undefined;

  constructor(deps: ServerDeps) {
    this.deps = deps;
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => this.fail(res, err));
    });
    // The SDK keeps its connections (agentkeepalive, idle sockets closed after 4.8 s) and takes the
    // server's Keep-Alive hint minus a second: at 1 s that left nothing, and every wire request paid
    // a new TCP connection (~40 % of a database call's time). Longer than the SDK's own idle timeout,
    // so the server never closes a socket the SDK is about to reuse; stop() closes them all.
    this.server.keepAliveTimeout = 10_000;
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
    this.guard = new RequestGuard(this.port, this.deps.allowedOrigins);
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
    const verdict = this.guard?.check(req.headers) ?? { ok: false, status: 421, message: '本地云尚未就绪' };
    if (!verdict.ok) {
      // Refused before the body is read or any route runs: nothing a foreign page sends is acted on.
      sendJson(res, verdict.status, { ok: false, error: { code: 'PERMISSION_DENIED', message: verdict.message } });
      req.resume();
      return;
    }
    for (const [name, value] of Object.entries(corsHeaders(verdict.corsOrigin))) res.setHeader(name, value);
    if (method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (p === ROUTES.health && (method === 'GET' || method === 'HEAD')) {
      sendJson(res, this.ready ? 200 : 503, { ok: this.ready });
      return;
    }
    if (p === ROUTES.admin && method === 'POST') return admin(this.deps, req, res);
    if (p.startsWith(ROUTES.functionBridge) && method === 'POST')
      return bridge(this.deps, req, res, p.slice(ROUTES.functionBridge.length));
    if (p === ROUTES.upload && method === 'POST') return bridgeUpload(this.deps, req, res, url);
    if (p.startsWith(AI_GATEWAY_ROUTE)) return this.deps.ai.handle(req, res, p.slice(AI_GATEWAY_ROUTE.length));
    if (p.startsWith(ROUTES.files)) return files(this.deps, req, res, p.slice(ROUTES.files.length));
    if (p === ROUTES.devUsers && method === 'GET') {
      sendJson(res, 200, { ok: true, data: { users: this.deps.devUsers() } });
      return;
    }
    if (p === ROUTES.devInbox && method === 'GET') {
      const header = req.headers['x-openid'];
      const openid = typeof header === 'string' ? header.trim() : '';
      sendJson(res, 200, { ok: true, data: { messages: openid ? this.deps.inbox(openid) : [] } });
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && this.deps.site.serve(req, res, p)) return;
    sendError(res, 'NOT_FOUND', '接口不存在');
  }
}

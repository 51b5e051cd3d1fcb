/**
 * Who may talk to the local cloud: its own page and the scripts on this machine, nobody else.
 *
 * A web page the developer happens to visit while `npm start` runs can send requests to
 * 127.0.0.1 — a form or `fetch(…, { mode: 'no-cors' })` POSTs text/plain without a preflight — and,
 * with a DNS name rebound to 127.0.0.1, even read the answers. So every request, whatever its route:
 * - must name this server in `Host` (127.0.0.1 or localhost with its port): a rebound name is refused;
 * - must not come from a foreign page: an `Origin` other than its own (or one allowed by
 *   SIYU_ALLOWED_ORIGINS) is refused, and so is a browser's `Sec-Fetch-Site: cross-site` without one;
 * Scripts (the SDK, tests, curl) send no Origin and pass. CORS headers name only the allowed origin.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type GuardVerdict = { ok: true; corsOrigin?: string } | { ok: false; status: 403 | 421; message: string };

export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(port: number, allowedOrigins: readonly string[] = []) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`).concat(allowedOrigins));
  }

  check(headers: IncomingHttpHeaders): GuardVerdict {
    const host = (headers.host ?? '').toLowerCase();
    if (!this.hosts.has(host)) {
      return { ok: false, status: 421, message: '本地云只接受 127.0.0.1 或 localhost 上的请求' };
    }
    const origin = headers.origin;
    if (origin !== undefined) {
      if (!this.origins.has(origin)) return { ok: false, status: 403, message: '不接受来自其他网页的请求' };
      return { ok: true, corsOrigin: origin };
    }
    if (headers['sec-fetch-site'] === 'cross-site') {
      return { ok: false, status: 403, message: '不接受来自其他网页的请求' };
    }
    return { ok: true };
  }
}

/** CORS for an allowed origin only; nothing at all for scripts and same-origin requests. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, OPTIONS',
    'access-control-allow-headers': 'content-type, x-openid',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

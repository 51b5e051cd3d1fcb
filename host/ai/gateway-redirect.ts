/**
 * Sends the SDK's CloudBase HTTP API gateway traffic to the local cloud.
 *
 * `cloud.ai()` (wx-server-sdk 4 → @cloudbase/node-sdk → @cloudbase/ai) does not go through the
 * /admin wire that TCB_CONTEXT_CNFG redirects: it first fetches an access token from
 * `https://<env>.api.tcloudbasegateway.com/auth/v1/token/clientCredential` (TC3-signed with the
 * function's keys), then posts to `https://<env>.api.tcloudbasegateway.com/v1/ai/<group>/chat/completions`.
 * Neither URL can be changed from the environment (only `proxy`/`serviceUrl` in `cloud.init`,
 * which product code does not set), so the local cloud plays the part of the network: a request to
 * that gateway host, made while a local cloud is the SDK's service (TCB_CONTEXT_CNFG points at
 * 127.0.0.1, per invocation through the env proxy), goes to that cloud's gateway route over plain
 * HTTP instead. Every other request is untouched. Like the env proxy, this is installed once per
 * process; the SDK itself runs unmodified.
 */
import http from 'node:http';
import https from 'node:https';

const MARK = Symbol.for('siyu.host.gatewayRedirect');

/** `<env>.api.tcloudbasegateway.com` and its international twin (node-sdk tcbopenapiendpoint). */
const GATEWAY_HOST = /^[A-Za-z0-9-]+\.api(?:\.intl)?\.tcloudbasegateway\.com$/;

type RequestFn = typeof https.request;
interface RedirectState {
  route: string;
  /** Reads the wire setting from the `process` of whoever installed last (see installGatewayRedirect). */
  origin: () => string | null;
}
type Marked = typeof https & { [MARK]?: RedirectState };

/** The local cloud serving the current invocation (or script), from the SDK's own wire setting. */
function localOrigin(): string | null {
  const raw = process.env.TCB_CONTEXT_CNFG;
  if (!raw) return null;
  try {
    const url = new URL(String((JSON.parse(raw) as { URL?: unknown }).URL));
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Where a gateway URL goes instead, or null to leave the request alone. */
export function redirectTarget(target: URL, route: string, origins: () => string | null = localOrigin): URL | null {
  if (target.protocol !== 'https:' || !GATEWAY_HOST.test(target.hostname)) return null;
  const origin = origins();
  if (!origin) return null;
  return new URL(`${route.replace(/\/$/, '')}${target.pathname}${target.search}`, origin);
}

/** The request's headers less any Host, which http then sets from the target. */
export function withoutHost(
  headers: http.OutgoingHttpHeaders | readonly string[] | undefined,
): http.OutgoingHttpHeaders {
  if (headers === undefined || Array.isArray(headers)) return {};
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));
}

/**
 * Installs the redirect (idempotent). `route` is the local cloud's path prefix for the gateway;
 * every local cloud in the process serves it under the same prefix.
 */
export function installGatewayRedirect(route: string): void {
  const mod = https as Marked;
  // `https` is shared by everything in the process, but `process.env` need not be: a test runner
  // gives each test file its own `process` object, and the env proxy feeds the one of the file that
  // runs now. The patch is installed once; the latest installer's reader is the one it consults.
  const existing = mod[MARK];
  if (existing) {
    existing.route = route;
    existing.origin = localOrigin;
    return;
  }
  const state: RedirectState = { route, origin: localOrigin };
  const original: RequestFn = https.request.bind(https);
  const patched = function request(this: unknown, ...args: unknown[]): http.ClientRequest {
    const [first, second, third] = args;
    if (typeof first === 'string' || first instanceof URL) {
      let target: URL | null = null;
      try {
        target = redirectTarget(new URL(first), state.route, state.origin);
      } catch {
        target = null;
      }
      if (target) {
        const options = (typeof second === 'object' && second !== null ? second : {}) as http.RequestOptions;
        const callback = (typeof second === 'function' ? second : third) as
          ((res: http.IncomingMessage) => void) | undefined;
        // An https agent cannot carry a plain-HTTP request; the local hop needs none.
        // The SDK names the gateway in Host; the local hop names the local cloud, whose request
        // guard accepts only its own host.
        const { agent: _agent, headers, ...rest } = options;
        return http.request(target, { ...rest, headers: withoutHost(headers) }, callback);
      }
    }
    return (original as (...a: unknown[]) => http.ClientRequest)(...args);
  };
  mod.request = patched;
  mod[MARK] = state;
}

/**
 * The CloudBase wire at /admin: JSON actions (database, storage, functions.invokeFunction) and
 * the multipart wx.openApi calls, answered in the wire's own reply and error shapes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invokeFunctionAction } from '../functions/functions-wire';
import type { ServerDeps } from './deps';
import { parseJsonObject, readBody, send, sendJson } from './http-util';
import { parseMultipart, type MultipartPart } from './multipart';

/** The CloudBase JSON content type; for a multipart call it tells the SDK "this is an error". */
const TCB_JSON = 'application/json; charset=utf-8';

const EXPIRED = 'local cloud: the invocation that sent this request has timed out';

function tcbError(code: string, message: string): Record<string, unknown> {
  return { code, message, requestId: `local-${Date.now().toString(36)}` };
}

export async function admin(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = req.headers['content-type'] ?? '';
  // The SDKs send JSON or multipart; a plain-text body is what a web form or a no-cors fetch sends.
  if (!type.startsWith('application/json') && !type.startsWith('multipart/form-data')) {
    req.resume();
    sendJson(res, 415, tcbError('INVALID_PARAM', 'the wire takes application/json or multipart/form-data'));
    return;
  }
  const buf = await readBody(req, deps.bodyLimits.admin);
  if (type.startsWith('multipart/form-data')) return adminMultipart(deps, res, buf, type);
  const body = parseJsonObject(buf);
  if (!body || typeof body.action !== 'string') {
    sendJson(res, 200, tcbError('INVALID_PARAM', 'request body must be a JSON object with an action'));
    return;
  }
  const action = body.action;
  const started = Date.now();
  const reply = await dispatch(deps, action, body, req);
  deps.logWire(
    `admin ${action}${typeof body.collectionName === 'string' ? ` ${body.collectionName}` : ''} ${typeof reply.code === 'string' ? reply.code : 'ok'} ${Date.now() - started} ms`,
  );
  sendJson(res, 200, reply);
}

async function dispatch(
  deps: ServerDeps,
  action: string,
  body: Record<string, unknown>,
  req: IncomingMessage,
): Promise<Record<string, unknown>> {
  // A timed-out invocation is dead on the platform; its late requests must not land here either.
  if (deps.runtime.isExpiredToken(body.wxCloudApiToken)) {
    return tcbError('SYS_ERR', EXPIRED);
  }
  // Whatever breaks in here answers in the wire's own error shape, so the SDK reports it as an error.
  try {
    if (action.startsWith('database.')) return deps.database.handle(body);
    const storageAction = deps.storage.actions[action];
    if (storageAction) return storageAction(body);
    if (action === 'functions.invokeFunction') {
      const source = req.headers['x-tcb-source'];
      return await invokeFunctionAction(deps.runtime, body, typeof source === 'string' ? source : undefined);
    }
  } catch (err) {
    deps.logError(`admin ${action}: ${(err as Error).stack ?? String(err)}`);
    return tcbError('SYS_ERR', `local cloud: ${(err as Error).message}`);
  }
  return tcbError('ACTION_NOT_SUPPORTED', `local cloud: action ${action} is not emulated`);
}

async function adminMultipart(deps: ServerDeps, res: ServerResponse, buf: Buffer, contentType: string): Promise<void> {
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
  if (deps.runtime.isExpiredToken(token)) {
    sendJson(res, 200, tcbError('SYS_ERR', EXPIRED), TCB_JSON);
    return;
  }
  const bytes = parts.get('requestData')?.data ?? Buffer.alloc(0);
  const ctx = deps.runtime.contextOfToken(token);
  const apiName = field('apiName');
  const reply = await deps.openapi.handle(apiName, bytes, {
    appid: ctx?.appid ?? '',
    functionName: ctx?.functionName ?? '',
    openid: ctx?.openid ?? '',
  });
  deps.logWire(`admin wx.openApi ${apiName} ${reply.kind === 'error' ? reply.code : 'ok'}`);
  if (reply.kind === 'error') {
    sendJson(res, 200, tcbError(reply.code, reply.message), TCB_JSON);
    return;
  }
  send(res, 200, reply.body, { 'content-type': 'application/octet-stream' });
}

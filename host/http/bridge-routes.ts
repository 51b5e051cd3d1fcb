/**
 * The H5 bridge: `POST /fn/<name>` runs a function as a mini-program call would (the event gains
 * userInfo, the caller comes from `x-openid`) and answers its envelope; `POST /storage/upload`
 * stores raw bytes. Failures answer the product's error envelope with a Chinese message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FunctionError } from '../functions/runtime';
import { StoragePathError } from '../storage/file-store';
import type { ServerDeps } from './deps';
import { parseJsonObject, readBody, sendError, sendJson } from './http-util';

const OPENID_HEADER = /^[A-Za-z0-9_-]{1,64}$/;

export async function bridge(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const buf = await readBody(req, deps.bodyLimits.bridge);
  const { runtime } = deps;
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
    deps.log(`fn ${name} ${err.kind} request ${err.requestId}: ${err.message}`);
    if (err.kind === 'NOT_FOUND') sendError(res, 'NOT_FOUND', '云函数不存在');
    else if (err.kind === 'TIMEOUT') sendError(res, 'INTERNAL', `云函数执行超时，请稍后再试（编号 ${err.requestId}）`);
    else sendError(res, 'INTERNAL', `系统繁忙，请稍后再试（编号 ${err.requestId}）`);
  }
}

export async function bridgeUpload(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const bytes = await readBody(req, deps.bodyLimits.upload);
  const cloudPath = url.searchParams.get('cloudPath') ?? '';
  try {
    const fileID = deps.storage.upload(cloudPath, bytes);
    sendJson(res, 200, { ok: true, data: { fileID, url: deps.storage.urlOf(cloudPath) } });
  } catch (err) {
    if (err instanceof StoragePathError) {
      sendError(res, 'INVALID_ARGUMENT', err.message);
      return;
    }
    throw err;
  }
}

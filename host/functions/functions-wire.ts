/**
 * `functions.invokeFunction` on /admin: what `cloud.callFunction()` sends.
 * Request: `{ function_name, request_data: "<JSON text>", wxCloudApiToken, ... }` + header
 * X-TCB-Source. Success: `{ requestId, data: { response_data: "<JSON text>" } }`; failure:
 * `{ code, message, requestId }`, which the SDK maps to errCode (-504001 request, -504002 execute).
 */
import crypto from 'node:crypto';
import { FunctionError, type Caller, type FunctionRuntime } from './runtime';

export type WireReply = Record<string, unknown>;

/**
 * The callee sees the original user's identity (resolved from the caller's per-invocation
 * WX_API_TOKEN), and SOURCE grows along the chain: client -> A -> B gives B "wx_client,scf".
 * Propagation follows community reports of production behaviour, not official documentation.
 */
export async function invokeFunctionAction(
  runtime: FunctionRuntime,
  body: Record<string, unknown>,
  tcbSource: string | undefined,
): Promise<WireReply> {
  const requestId = crypto.randomUUID();
  const name = body.function_name;
  if (typeof name !== 'string' || !runtime.has(name)) {
    return {
      code: 'FUNCTIONS_REQUEST_FAIL',
      message: `[ResourceNotFound.Function] 未找到指定的Function，请创建后再试。(${String(name)})`,
      requestId,
    };
  }
  let event: unknown = {};
  if (typeof body.request_data === 'string' && body.request_data !== '') {
    try {
      event = JSON.parse(body.request_data);
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not valid JSON', requestId };
    }
  }
  const from = runtime.contextOfToken(body.wxCloudApiToken);
  // Outside a function (a script using the SDK) there is no user; the SDK's own header names the source.
  const caller: Caller = from
    ? {
        openid: from.openid,
        appid: from.appid,
        unionid: from.unionid,
        clientIp: from.clientIp,
        source: `${from.source},scf`,
      }
    : { openid: '', unionid: '', source: tcbSource || 'unknown' };
  try {
    const result = await runtime.invoke(name, event, caller, requestId);
    return { requestId, data: { response_data: JSON.stringify(result) } };
  } catch (err) {
    if (err instanceof FunctionError) return { code: 'FUNCTIONS_EXECUTE_FAIL', message: err.message, requestId };
    throw err;
  }
}

import crypto from 'node:crypto';
import type { OpenApiParams } from './protocol';

/** What an open API answers: bytes and their content type (JSON for most, an image for wxacode). */
export interface ApiResult {
  contentType: string;
  body: Buffer;
}

/** Who is calling, resolved from the invocation's WX_API_TOKEN (empty outside a function). */
export interface ApiCaller {
  appid: string;
  functionName: string;
  openid: string;
}

export type OpenApi = (params: OpenApiParams, caller: ApiCaller) => ApiResult | Promise<ApiResult>;

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResult(obj: unknown): ApiResult {
  return { contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(obj)) };
}

/** WeChat's error body; the SDK turns a non-zero errcode into a thrown errCode. */
export function wxError(errcode: number, errmsg: string): ApiResult {
  return jsonResult({ errcode, errmsg: `${errmsg} rid: local-${crypto.randomBytes(4).toString('hex')}` });
}

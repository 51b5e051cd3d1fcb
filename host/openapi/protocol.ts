/**
 * The protobuf messages of `wx.openApi` (cloud.openapi.* in wx-server-sdk). Field numbers and
 * types follow the SDK's generated encoder/decoder (wx-server-sdk 4.0.2, src/protobuf/openapi).
 *
 * Request: multipart/form-data with text parts (action=wx.openApi, apiName, envName,
 * wxCloudApiToken, ... and cgiName=commrpcv2 for v2 APIs) and a binary `requestData` part holding
 * CommApiData. Reply: the raw CommOpenApiResp bytes with any content-type except exactly
 * `application/json; charset=utf-8`, which the SDK instead parses as a CloudBase error.
 */
import protobuf from 'protobufjs';

const root = protobuf.parse(
  `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData  { repeated KeyValuePair pairs = 1; }
message CommApiData  {
  enum ApiType { OPEN_API = 0; INNER_API = 1; SVRKIT_API = 2; TOKEN_API = 3; }
  ApiType apiType = 1; OpenApiData openapiData = 2; bytes innerData = 3; bytes svrkitData = 4;
  bytes tokenData = 5; string appid = 6;
}
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
  repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6;
}`,
  { keepCase: true },
).root;

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

export interface MediaParam {
  contentType: string;
  filename: string;
  value: Buffer;
}

export type OpenApiParams = Record<string, unknown>;

export interface OpenApiRequest {
  apiType: string;
  appid: string;
  /** Parameter name (snake_case, as the SDK converts it) -> parsed JSON value or media part. */
  params: OpenApiParams;
}

interface RawPair {
  key: string;
  value: Uint8Array;
  contenttype: string;
  filename: string;
}

export function decodeRequest(bytes: Uint8Array): OpenApiRequest {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { enums: String, defaults: true }) as {
    apiType: string;
    appid: string;
    openapiData?: { pairs?: RawPair[] };
  };
  const params: OpenApiParams = {};
  for (const kv of msg.openapiData?.pairs ?? []) {
    const value = Buffer.from(kv.value);
    params[kv.key] =
      kv.contenttype || kv.filename
        ? ({ contentType: kv.contenttype, filename: kv.filename, value } satisfies MediaParam)
        : (JSON.parse(value.toString('utf8')) as unknown);
  }
  return { apiType: msg.apiType, appid: msg.appid, params };
}

export function encodeResponse(respData: Buffer, contentType: string): Buffer {
  return Buffer.from(CommOpenApiResp.encode({ respData, contentType, errorCode: 0, httpCode: 200 }).finish());
}

/** Test helper for the other side of the wire: what the SDK would send. */
export function encodeRequest(req: { appid?: string; params: Record<string, unknown> }): Buffer {
  const pairs = Object.entries(req.params).map(([key, v]) => ({ key, value: Buffer.from(JSON.stringify(v)) }));
  return Buffer.from(CommApiData.encode({ apiType: 0, appid: req.appid ?? '', openapiData: { pairs } }).finish());
}

export function decodeResponse(bytes: Uint8Array): {
  respData: Buffer;
  contentType: string;
  errorCode: number;
  httpCode: number;
} {
  const m = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
    httpCode: number;
  };
  return {
    respData: Buffer.from(m.respData),
    contentType: m.contentType,
    errorCode: m.errorCode,
    httpCode: m.httpCode,
  };
}

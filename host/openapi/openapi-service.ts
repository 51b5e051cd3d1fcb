/**
 * `wx.openApi` on /admin: decodes the protobuf request, runs the named API and answers the raw
 * protobuf reply the SDK expects. Unknown APIs answer a CloudBase error, as an API without the
 * function's `permissions.openapi` would.
 */
import type { MediaCheckService } from './apis/media-check';
import { createMsgSecCheck } from './apis/msg-sec-check';
import { createSubscribeMessageSend, type OutboxMessage } from './apis/subscribe-message';
import { createGetUnlimited } from './apis/wxacode';
import { decodeRequest, encodeResponse } from './protocol';
import type { WordGroup } from './sensitive-words';
import type { ApiCaller, OpenApi } from './types';

export type OpenApiReply = { kind: 'protobuf'; body: Buffer } | { kind: 'error'; code: string; message: string };

export interface OpenApiServiceOptions {
  recordOutbox: (msg: OutboxMessage) => string;
  /** The app's pages for wxacode's check_path; null skips the check. */
  pages?: readonly string[] | null;
  words?: readonly WordGroup[];
  /** security.mediaCheckAsync and its pushed result; absent: the API is not emulated. */
  mediaCheck?: MediaCheckService;
}

export class OpenApiService {
  readonly apis: Record<string, OpenApi>;

  constructor(opts: OpenApiServiceOptions) {
    this.apis = {
      'security.msgSecCheck': createMsgSecCheck(opts.words),
      'wxacode.getUnlimited': createGetUnlimited(opts.pages ?? null),
      'subscribeMessage.send': createSubscribeMessageSend(opts.recordOutbox),
      ...(opts.mediaCheck ? { 'security.mediaCheckAsync': opts.mediaCheck.api } : {}),
    };
  }

  async handle(apiName: string, requestData: Uint8Array, caller: ApiCaller): Promise<OpenApiReply> {
    let request;
    try {
      request = decodeRequest(requestData);
    } catch (err) {
      return {
        kind: 'error',
        code: 'INVALID_PARAM',
        message: `requestData is not a CommApiData message: ${(err as Error).message}`,
      };
    }
    if (request.apiType !== 'OPEN_API') {
      return {
        kind: 'error',
        code: 'INVALID_PARAM',
        message: `local cloud: apiType ${request.apiType} is not supported`,
      };
    }
    const api = this.apis[apiName];
    if (!api) return { kind: 'error', code: 'SYS_ERR', message: `local cloud: openapi ${apiName} is not emulated` };
    const result = await api(request.params, { ...caller, appid: request.appid || caller.appid });
    return { kind: 'protobuf', body: encodeResponse(result.body, result.contentType) };
  }
}

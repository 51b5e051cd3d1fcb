/**
 * The part of the CloudBase HTTP API gateway that `cloud.ai().createModel(group).generateText()`
 * uses, served by the local cloud (gateway-redirect.ts brings the SDK here):
 *
 *   POST <route>auth/v1/token/clientCredential         TC3-signed → { access_token, token_type, expires_in }
 *   POST <route>v1/ai/<group>/chat/completions          Bearer token, OpenAI-style body → chat.completion JSON
 *
 * Errors answer a non-2xx status with `{ code, message, requestId }`, which @cloudbase/node-sdk's
 * AI request adapter turns into a thrown error. Streaming (`stream: true`) is not emulated.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http/http-util';
import { addUnsafe, dropPrice, fakeRewrite, type ChatMessage, type ChatRequest } from './fake-model';

/** The local cloud's path prefix for the gateway. */
export const AI_GATEWAY_ROUTE = '/tcb-gateway/';

/**
 * How the fake model answers:
 * - `ok`: a light rewrite (fake-model.ts);
 * - `slow`: the same rewrite after SLOW_REPLY_MS, beyond any allowed SIYU_AI_TIMEOUT_MS;
 * - `error`: HTTP 500 with a gateway error body;
 * - `breaks-gates`: the rewrite with a price dropped;
 * - `unsafe`: the rewrite plus a phrase msgSecCheck refuses.
 */
export type AiModelMode = 'ok' | 'slow' | 'error' | 'breaks-gates' | 'unsafe';

export type AiReply =
  | { content: string; delayMs?: number }
  | { error: { status: number; code: string; message: string }; delayMs?: number };

/** A test's own model: any reply, after any delay. */
export type AiModelScript = (request: ChatRequest) => AiReply | Promise<AiReply>;

export type AiModel = AiModelMode | AiModelScript;

/** Longer than the largest SIYU_AI_TIMEOUT_MS server/env.ts accepts (10 s). */
export const SLOW_REPLY_MS = 12_000;

const TOKEN_TTL_S = 7200;
const MAX_BODY = 256 * 1024;

export function modeReply(mode: AiModelMode, request: ChatRequest): AiReply {
  const rewrite = fakeRewrite(request);
  switch (mode) {
    case 'ok':
      return { content: rewrite };
    case 'slow':
      return { content: rewrite, delayMs: SLOW_REPLY_MS };
    case 'error':
      return { error: { status: 500, code: 'INTERNAL_ERROR', message: 'local fake model: scripted failure' } };
    case 'breaks-gates':
      return { content: dropPrice(rewrite) };
    case 'unsafe':
      return { content: addUnsafe(rewrite) };
  }
}

function parseChat(group: string, body: unknown): ChatRequest | null {
  if (!body || typeof body !== 'object') return null;
  const { model, messages } = body as { model?: unknown; messages?: unknown };
  if (typeof model !== 'string' || !Array.isArray(messages)) return null;
  const parsed: ChatMessage[] = [];
  for (const m of messages as unknown[]) {
    const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || typeof content !== 'string') return null;
    parsed.push({ role, content });
  }
  return { group, model, messages: parsed };
}

export interface GatewayHit {
  path: string;
  at: number;
}

export class AiGateway {
  /** Every gateway request, token fetches included, oldest first. */
  readonly hits: GatewayHit[] = [];
  /** Every chat request the model answered or refused, oldest first. */
  readonly chats: ChatRequest[] = [];
  /** Swap it to script the next calls (tests). */
  model: AiModel;
  private readonly tokens = new Set<string>();
  private readonly waiting = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  constructor(model: AiModel = 'ok') {
    this.model = model;
  }

  /** Ends every delayed reply at once, so stopping the cloud never waits on a slow fake model. */
  stop(): void {
    for (const w of this.waiting) {
      clearTimeout(w.timer);
      w.done();
    }
    this.waiting.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    this.hits.push({ path: subPath, at: Date.now() });
    const requestId = `local-ai-${crypto.randomBytes(6).toString('hex')}`;
    const fail = (status: number, code: string, message: string) => sendJson(res, status, { code, message, requestId });
    if ((req.method ?? 'GET') !== 'POST') return fail(405, 'METHOD_NOT_ALLOWED', 'POST only');
    const auth = req.headers.authorization ?? '';
    const raw = await readBody(req, MAX_BODY);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return fail(400, 'INVALID_PARAM', 'body is not JSON');
    }

    if (subPath === 'auth/v1/token/clientCredential') {
      // The SDK signs this with the function's keys (TC3); the local cloud checks the scheme only.
      if (!auth.startsWith('TC3-HMAC-SHA256')) return fail(401, 'INVALID_CREDENTIALS', 'TC3 signature required');
      const token = `local-ai-token-${crypto.randomBytes(12).toString('hex')}`;
      this.tokens.add(token);
      sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_S });
      return;
    }

    const chat = /^v1\/ai\/([A-Za-z0-9._-]+)\/chat\/completions$/.exec(subPath);
    if (!chat?.[1]) return fail(404, 'NOT_FOUND', `local cloud: gateway path ${subPath} is not emulated`);
    if (!this.tokens.has(auth.replace(/^Bearer\s+/i, ''))) {
      return fail(401, 'INVALID_ACCESS_TOKEN', 'access token missing or unknown');
    }
    if ((body as { stream?: unknown }).stream === true) {
      return fail(400, 'INVALID_PARAM', 'local cloud: streaming replies are not emulated');
    }
    const request = parseChat(chat[1], body);
    if (!request) return fail(400, 'INVALID_PARAM', 'model and messages[{role, content}] are required');
    this.chats.push(request);
    const model = this.model;
    let reply: AiReply;
    try {
      reply = typeof model === 'function' ? await model(request) : modeReply(model, request);
    } catch (err) {
      return fail(500, 'INTERNAL_ERROR', `local fake model threw: ${(err as Error).message}`);
    }
    if (reply.delayMs && reply.delayMs > 0) await this.delay(reply.delayMs);
    if (res.destroyed) return;
    if ('error' in reply) return fail(reply.error.status, reply.error.code, reply.error.message);
    const promptTokens = request.messages.reduce((n, m) => n + m.content.length, 0);
    sendJson(res, 200, {
      id: requestId,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: reply.content.length,
        total_tokens: promptTokens + reply.content.length,
      },
    });
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.waiting.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      this.waiting.add(entry);
    });
  }
}

/**
 * The local cloud's stand-in for a CloudBase AI chat model. It does not understand the prompt: it
 * rewrites the last user message by a small fixed rule (swap a few everyday phrases), which keeps
 * prices, dates and protected terms, so its output usually passes the product's text gates. The
 * same request always gets the same answer; different system prompts (one per guide's tone) pick
 * different swaps, so two guides get different texts.
 *
 * Tests script it with a mode or a function (see AiModel in ai-gateway.ts).
 */
import { createHash } from 'node:crypto';
import { SENSITIVE_WORDS } from '../openapi/sensitive-words';

export interface ChatMessage {
  role: string;
  content: string;
}

/** The chat-completion request as the SDK sends it (`generateText` → POST .../chat/completions). */
export interface ChatRequest {
  /** Model group from the URL (`createModel(group)`). */
  group: string;
  /** `model` from the body (the model inside the group). */
  model: string;
  messages: ChatMessage[];
}

/** Everyday phrases and the word the fake model puts in their place. None holds a digit. */
const SWAPS: readonly (readonly [string, string])[] = [
  ['非常', '特别'],
  ['推荐', '安利'],
  ['大家', '姐妹们'],
  ['欢迎', '诚邀'],
  ['喜欢', '钟爱'],
  ['漂亮', '好看'],
  ['舒服', '舒适'],
  ['适合', '合适'],
  ['新品', '新款'],
  ['快来', '速来'],
  ['一起', '一块儿'],
  ['今天', '今日'],
  ['现在', '眼下'],
  ['可以', '能够'],
  ['活动', '福利'],
  ['优惠', '实惠'],
  ['到店', '来店'],
  ['超级', '超'],
  ['感受', '体验'],
  ['挑选', '选购'],
];

function hashBits(messages: readonly ChatMessage[]): number {
  const h = createHash('sha256');
  for (const m of messages) h.update(`${m.role}\u0000${m.content}\u0001`);
  return h.digest().readUInt32BE(0);
}

/** The text the model is asked to rewrite: the last user message. */
export function userText(request: ChatRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const m = request.messages[i];
    if (m?.role === 'user') return m.content;
  }
  return '';
}

/**
 * Swaps about half of the table's phrases found in the text (which half depends on the whole
 * request); at least one when any is found. A text with none gains a soft tail instead.
 */
export function fakeRewrite(request: ChatRequest): string {
  const text = userText(request);
  const bits = hashBits(request.messages);
  const found = SWAPS.filter(([from]) => text.includes(from));
  let out = text;
  let swapped = 0;
  found.forEach(([from, to], i) => {
    if (((bits >>> (i % 32)) & 1) === 1 || (swapped === 0 && i === found.length - 1)) {
      out = out.replace(from, to);
      swapped++;
    }
  });
  return swapped > 0 ? out : `${text}～`;
}

const PRICE = /[¥￥]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*元/u;

/** A rewrite that loses the first price (or, with none, the first number): the gates must refuse it. */
export function dropPrice(text: string): string {
  const m = PRICE.exec(text) ?? /\d+/u.exec(text);
  return m ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : `${text}999`;
}

/** The first word the local msgSecCheck refuses outright (suggest risky). */
export const UNSAFE_WORD =
  SENSITIVE_WORDS.find((g) => g.suggest === 'risky')?.words[0] ??
  (() => {
    throw new Error('the sensitive word list has no risky word');
  })();

/** A rewrite that adds a phrase content security refuses, short enough to stay inside the length gate. */
export function addUnsafe(text: string): string {
  return `${text}\n${UNSAFE_WORD}`;
}

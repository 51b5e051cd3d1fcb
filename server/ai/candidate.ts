/**
 * Judging what a model returned before it can become a guide's text: tidy the wrapping a chat
 * model tends to add, then run the same faithfulness gates as the local generator
 * (server/variation/text/gates.ts). Content security is the caller's next step.
 */
import { checkTextGates } from '../variation/text/gates';

export type CandidateVerdict = { ok: true; text: string } | { ok: false; reason: string };

const FENCE = /^```[A-Za-z]*\n([\s\S]*?)\n?```$/u;
const LABEL = /^(?:改写后(?:的文案)?|改写|文案|输出)\s*[:：]\s*/u;
const QUOTES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ['“', '”'],
  ['「', '」'],
  ["'", "'"],
];

/**
 * Removes a code fence, a leading "改写后：" label and quotes around the whole text (unless the
 * original itself is quoted that way); keeps inner lines.
 */
export function tidyCandidate(raw: string, original = ''): string {
  let text = raw.replace(/\r\n?/gu, '\n').trim();
  const fenced = FENCE.exec(text);
  if (fenced?.[1] !== undefined) text = fenced[1].trim();
  text = text.replace(LABEL, '');
  for (const [open, close] of QUOTES) {
    if (original.startsWith(open)) continue;
    if (text.length > 2 && text.startsWith(open) && text.endsWith(close) && !text.slice(1, -1).includes(close)) {
      text = text.slice(open.length, -close.length).trim();
    }
  }
  return text;
}

export function judgeCandidate(original: string, raw: string, protectTerms: readonly string[]): CandidateVerdict {
  const text = tidyCandidate(raw, original);
  if (text.length === 0) return { ok: false, reason: 'empty reply' };
  if (text === original) return { ok: false, reason: 'unchanged text' };
  const gate = checkTextGates(original, text, protectTerms);
  return gate.ok ? { ok: true, text } : { ok: false, reason: gate.failures.join('; ') };
}

/**
 * security.msgSecCheck, v1 and v2.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
 */
import crypto from 'node:crypto';
import { LABELS, SENSITIVE_WORDS, type WordGroup } from '../sensitive-words';
import { jsonResult, wxError, type OpenApi } from '../types';

const MAX_CONTENT_CHARS = 2500;

interface Hit {
  word: string;
  group: WordGroup;
}

function findHits(content: string, groups: readonly WordGroup[]): Hit[] {
  const text = content.toLowerCase();
  const hits: Hit[] = [];
  for (const group of groups)
    for (const word of group.words) if (text.includes(word.toLowerCase())) hits.push({ word, group });
  return hits;
}

export function createMsgSecCheck(groups: readonly WordGroup[] = SENSITIVE_WORDS): OpenApi {
  return (p) => {
    if (typeof p.content !== 'string' || p.content === '') return wxError(47001, 'data format error: content');
    if ([...p.content].length > MAX_CONTENT_CHARS) return wxError(47001, 'data format error: content too long');
    const hits = findHits(p.content, groups);
    if (p.version !== 2) {
      // v1: a plain yes/no, risky content answers 87014.
      return hits.length ? wxError(87014, 'risky content') : jsonResult({ errcode: 0, errmsg: 'ok' });
    }
    if (typeof p.openid !== 'string' || p.openid === '') return wxError(40003, 'invalid openid');
    if (p.scene !== 1 && p.scene !== 2 && p.scene !== 3 && p.scene !== 4)
      return wxError(47001, 'data format error: scene must be 1, 2, 3 or 4');
    // The strongest hit decides: risky over review.
    const top = hits.find((h) => h.group.suggest === 'risky') ?? hits[0];
    const suggest = top ? top.group.suggest : 'pass';
    const label = top ? top.group.label : LABELS.normal;
    return jsonResult({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: top ? 90 : 0 },
        ...hits.map((h) => ({
          strategy: 'keyword',
          errcode: 0,
          suggest: h.group.suggest,
          label: h.group.label,
          level: 20,
          keyword: h.word,
        })),
      ],
      trace_id: `local-${crypto.randomUUID()}`,
    });
  };
}

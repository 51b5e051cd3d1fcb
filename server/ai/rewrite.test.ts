import { checkTextGates } from '../variation/text/gates';
import { variationSeed } from '../variation/seed';
import { judgeCandidate, tidyCandidate } from './candidate';
import { rewriteChanges } from './changes';
import { buildRewriteMessages, pickTone, TONE_HINTS } from './prompt';

const BODY = '【山茶生活】大家好，玫瑰精华水会员价 ¥199，3月8日-3月15日限时，非常适合换季。\n#春日护肤# 详情到店咨询。';
const TERMS = ['山茶生活'];

describe('rewrite prompt', () => {
  it('sends the post alone as the user message and lists every protected span in the rules', () => {
    const messages = buildRewriteMessages({ text: BODY, protectTerms: TERMS, seed: variationSeed('pst_1', 'o_1') });
    expect(messages).toHaveLength(2);
    expect(messages[1]).toEqual({ role: 'user', content: BODY });
    const rules = messages[0]!.content;
    expect(messages[0]!.role).toBe('system');
    for (const span of ['¥199', '3月8日-3月15日', '#春日护肤#', '【山茶生活】', '山茶生活'])
      expect(rules).toContain(`「${span}」`);
    expect(rules).toMatch(/不要新增任何数字/);
    expect(rules).toMatch(/绝对化用语/);
  });

  it('picks one tone per (post, guide), the same every time, and spreads guides over the tones', () => {
    expect(pickTone(variationSeed('pst_1', 'o_1'))).toBe(pickTone(variationSeed('pst_1', 'o_1')));
    const tones = new Set(Array.from({ length: 60 }, (_, i) => pickTone(variationSeed('pst_1', `o_${i}`))));
    expect(tones.size).toBe(TONE_HINTS.length);
    const message = buildRewriteMessages({ text: BODY, protectTerms: [], seed: variationSeed('pst_1', 'o_7') });
    expect(message[0]!.content).toContain(pickTone(variationSeed('pst_1', 'o_7')));
  });
});

describe('AI candidate judge', () => {
  const good = BODY.replace('非常', '特别').replace('大家', '姐妹们');

  it('accepts a light rewrite that keeps every span', () => {
    expect(judgeCandidate(BODY, good, TERMS)).toEqual({ ok: true, text: good });
  });

  it('strips the wrapping chat models add: fences, labels, quotes', () => {
    expect(tidyCandidate('```\n' + good + '\n```')).toBe(good);
    expect(tidyCandidate(`改写后：${good}`)).toBe(good);
    expect(tidyCandidate(`“${good}”`)).toBe(good);
    expect(judgeCandidate(BODY, `  "${good}"\n`, TERMS)).toEqual({ ok: true, text: good });
  });

  it('keeps quotes that belong to the original', () => {
    expect(tidyCandidate('“你好”', '“你好”')).toBe('“你好”');
  });

  it.each([
    ['a lost price', BODY.replace('¥199', '')],
    ['a new number', BODY.replace('非常适合', '99%适合')],
    ['a new absolute word', BODY.replace('非常适合', '最适合')],
    ['a changed protected term', BODY.replace('山茶生活', '山茶')],
    ['a text far too long', `${BODY}${BODY}`],
    ['a different text', '今天天气不错，出去走走吧。'],
    ['the unchanged original', BODY],
    ['an empty reply', '  '],
  ])('refuses %s', (_, candidate) => {
    const verdict = judgeCandidate(BODY, candidate, TERMS);
    expect(verdict.ok).toBe(false);
    if (candidate.trim() && candidate !== BODY) expect(checkTextGates(BODY, candidate.trim(), TERMS).ok).toBe(false);
  });
});

describe('rewrite changes', () => {
  it('marks exactly the replaced runs of the new text, with what stood there', () => {
    const before = '大家好，新品非常漂亮。';
    const after = '姐妹们好，新品特别漂亮。';
    const changes = rewriteChanges(before, after);
    expect(changes.map((c) => [after.slice(c.start, c.end), c.original])).toEqual([
      ['姐妹们', '大家'],
      ['特别', '非常'],
    ]);
    expect(changes.every((c) => c.kind === 'rewrite')).toBe(true);
  });

  it('finds nothing to mark in an identical text or a pure deletion', () => {
    expect(rewriteChanges('一样的文字', '一样的文字')).toEqual([]);
    expect(rewriteChanges('删掉一些文字', '删掉文字')).toEqual([]);
  });

  it('keeps ranges in UTF-16 offsets around emoji', () => {
    const before = '✨🌸 新品上市';
    const after = '✨🌸 新款上市';
    const [c] = rewriteChanges(before, after);
    expect(after.slice(c!.start, c!.end)).toBe('款');
  });
});

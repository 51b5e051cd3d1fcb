import { LONG_POST, SAMPLE_POSTS, TRICKY_POSTS } from '../../../test/fixtures/variation/posts';
import { variationSeed } from '../seed';
import { checkTextGates, protectedSpanCounts } from './gates';
import { codePointLength } from './metrics';
import { varyText } from './vary';

const seeds = Array.from({ length: 12 }, (_, i) => variationSeed('pst_test', `gd_${i}`));

function expectFaithful(text: string, variant: string, terms: string[] = []): void {
  const gate = checkTextGates(text, variant, terms);
  expect(gate.failures).toEqual([]);
  for (const [span, n] of protectedSpanCounts(text, terms))
    expect(variant.split(span).length - 1).toBeGreaterThanOrEqual(n);
}

describe('varyText on tricky inputs', () => {
  it.each(Object.entries(TRICKY_POSTS))('keeps every protected span and passes the gates: %s', (_name, text) => {
    for (const seed of seeds) {
      const r = varyText({ text, strength: 'standard', seed });
      expectFaithful(text, r.text);
    }
  });

  it('keeps prices, ranges, links and topics byte for byte in a varied post', () => {
    const r = varyText({ text: TRICKY_POSTS.prices, strength: 'standard', seed: seeds[0]! });
    expect(r.strength).toBe('standard');
    for (const s of ['¥99', '99元', '99.9元/件', '￥1,299起', '8.8折', '5折', '30%', '500ml×2', '3件'])
      expect(r.text).toContain(s);
    const d = varyText({ text: TRICKY_POSTS.dateRanges, strength: 'standard', seed: seeds[1]! });
    for (const s of ['11月25日-11月30日', '周五', '2026-11-25', '11.25-11.30', '10:00-22:00', '8点'])
      expect(d.text).toContain(s);
    const u = varyText({ text: TRICKY_POSTS.urls, strength: 'standard', seed: seeds[2]! });
    for (const s of ['https://shop.example.com/a/b?x=1&y=2#top', 'www.example.cn/promo', 'example.com'])
      expect(u.text).toContain(s);
  });

  it("keeps the post's protected terms", () => {
    for (const post of SAMPLE_POSTS) {
      for (const seed of seeds.slice(0, 4)) {
        const r = varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed });
        for (const term of post.protectTerms)
          expect(r.text.split(term).length).toBeGreaterThanOrEqual(post.text.split(term).length);
      }
    }
  });

  it('keeps numbered lists in order with their numbers, and symbol lists as a set of the same lines', () => {
    for (const seed of seeds) {
      const r = varyText({ text: TRICKY_POSTS.bullets, strength: 'standard', seed });
      const lines = r.text.split('\n');
      const steps = ['到店扫码', '领取优惠券', '结账立减'].map((s) => lines.findIndex((l) => l.endsWith(s)));
      expect(steps.every((i) => i >= 0)).toBe(true);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
      expect(lines[steps[0]!]).toMatch(/^(?:1[.、）]|①)/);
      // 全码有货 may become a synonym; the other two features have none.
      for (const feature of ['超薄透气', '3D立体护围'])
        expect(lines.filter((l) => l.endsWith(feature))).toHaveLength(1);
      const added = r.changes.filter((c) => c.kind === 'opener' || c.kind === 'closer').length;
      expect(lines).toHaveLength(TRICKY_POSTS.bullets.split('\n').length + added);
    }
  });

  it('varies a very long post (1,000+ characters) within the gates', () => {
    expect(codePointLength(LONG_POST)).toBeGreaterThan(1000);
    const r = varyText({ text: LONG_POST, strength: 'standard', seed: seeds[3]! });
    expect(r.strength).toBe('standard');
    expect(r.text).not.toBe(LONG_POST);
    expectFaithful(LONG_POST, r.text);
  });

  it('makes only small edits to a very short post, and keeps a two-character one as it is', () => {
    const r = varyText({ text: TRICKY_POSTS.short, strength: 'standard', seed: seeds[4]! });
    expectFaithful(TRICKY_POSTS.short, r.text);
    const tiny = varyText({ text: TRICKY_POSTS.tiny, strength: 'standard', seed: seeds[4]! });
    expect(tiny).toEqual({ text: TRICKY_POSTS.tiny, strength: 'off', attempts: 8, changes: [], metrics: null });
  });
});

describe('varyText determinism and fallback', () => {
  const post = SAMPLE_POSTS[0]!;

  it('gives the same text and changes for the same seed', () => {
    const a = varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed: seeds[5]! });
    const b = varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed: seeds[5]! });
    expect(b).toEqual(a);
  });

  it('gives different guides different texts', () => {
    const texts = seeds.map(
      (seed) => varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed }).text,
    );
    expect(new Set(texts).size).toBe(seeds.length);
  });

  it('returns the original untouched when asked for off', () => {
    expect(varyText({ text: post.text, strength: 'off', seed: 1 })).toEqual({
      text: post.text,
      strength: 'off',
      attempts: 0,
      changes: [],
      metrics: null,
    });
  });

  it('falls back to a lighter strength and reports the one used', () => {
    // Only punctuation and emoji can change here, and only subtle ones fit the length window.
    const r = varyText({ text: '快来店里看看吧！', strength: 'standard', seed: seeds[6]! });
    expect(['standard', 'subtle', 'off']).toContain(r.strength);
    const all = seeds.map((seed) => varyText({ text: '好物', strength: 'standard', seed }));
    expect(all.every((x) => x.strength === 'off' && x.attempts === 8)).toBe(true);
  });

  it('subtle changes less than standard', () => {
    let subtle = 0;
    let standard = 0;
    for (const seed of seeds) {
      subtle += varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'subtle', seed }).metrics!
        .similarity;
      standard += varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed }).metrics!
        .similarity;
    }
    expect(subtle).toBeGreaterThan(standard);
  });
});

describe('varyText change ranges', () => {
  it('point at the new text in the output, with the original word for swaps', () => {
    for (const seed of seeds) {
      const post = SAMPLE_POSTS[seed % SAMPLE_POSTS.length]!;
      const r = varyText({ text: post.text, protectTerms: post.protectTerms, strength: 'standard', seed });
      expect(r.changes.length).toBeGreaterThan(0);
      for (const c of r.changes) {
        expect(c.start).toBeGreaterThanOrEqual(0);
        expect(c.end).toBeGreaterThan(c.start);
        expect(c.end).toBeLessThanOrEqual(r.text.length);
        const shown = r.text.slice(c.start, c.end);
        if (c.kind === 'synonym') {
          expect(post.text).toContain(c.original);
          expect(shown).not.toBe(c.original);
        }
        if (c.kind === 'opener' || c.kind === 'closer') expect(post.text).not.toContain(shown);
      }
      // Undoing the synonym swaps right to left gives back words of the original.
      let undone = r.text;
      for (const c of [...r.changes].filter((x) => x.kind === 'synonym').sort((a, b) => b.start - a.start)) {
        undone = undone.slice(0, c.start) + c.original! + undone.slice(c.end);
      }
      expect(undone.length).toBeGreaterThan(0);
    }
  });
});

describe('varyText context guards', () => {
  it('never turns 还有 inside a clause (新会员还有 10 元券: "still has") into 此外 or 另外', () => {
    const text = '每月 18 号是会员日。\n新会员还有 10 元无门槛券，注册就能领。\n另外，到店还有小样可以领取。';
    for (let i = 0; i < 300; i++) {
      const out = varyText({ text, strength: 'standard', seed: variationSeed('pst_guard', `o_guide_${i}`) }).text;
      expect(out).not.toMatch(/会员(此外|另外)/);
      expect(out).not.toMatch(/到店(此外|另外)/);
    }
  });
});

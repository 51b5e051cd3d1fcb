import {
  chinaDayStart,
  GUIDES_PER_WINDOW,
  sameChinaDay,
  staggerOrder,
  STAGGER_MINUTES,
  suggestPostingTime,
  windowStart,
} from './schedule';

/** Epoch ms of a China local time (UTC+8). */
const cst = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('posting windows', () => {
  it('starts the China day at local midnight, not UTC midnight', () => {
    expect(chinaDayStart(cst(2026, 3, 8, 7, 30))).toBe(cst(2026, 3, 8, 0));
    expect(chinaDayStart(cst(2026, 3, 8, 23, 59))).toBe(cst(2026, 3, 8, 0));
    expect(sameChinaDay(cst(2026, 3, 8, 0, 5), cst(2026, 3, 7, 23, 55))).toBe(false);
  });

  it('picks the next window and rolls over to the next morning late at night', () => {
    expect(windowStart(cst(2026, 3, 8, 9, 0), 0)).toBe(cst(2026, 3, 8, 12));
    expect(windowStart(cst(2026, 3, 8, 12, 0), 0)).toBe(cst(2026, 3, 8, 12));
    expect(windowStart(cst(2026, 3, 8, 21, 0), 0)).toBe(cst(2026, 3, 9, 8));
    expect(windowStart(cst(2026, 3, 8, 19, 0), 1)).toBe(cst(2026, 3, 9, 8));
  });
});

describe('staggered suggestions', () => {
  const published = cst(2026, 3, 8, 9, 30);

  it('spaces guides of one store apart inside a window', () => {
    expect(suggestPostingTime(published, 0)).toBe(cst(2026, 3, 8, 12));
    expect(suggestPostingTime(published, 1)).toBe(cst(2026, 3, 8, 12, STAGGER_MINUTES));
    const times = Array.from({ length: 25 }, (_, i) => suggestPostingTime(published, i));
    expect(new Set(times).size).toBe(25);
  });

  it('moves the eleventh guide to the next window', () => {
    expect(suggestPostingTime(published, GUIDES_PER_WINDOW)).toBe(cst(2026, 3, 8, 18));
  });

  it('never suggests a time before the post is out', () => {
    const late = cst(2026, 3, 8, 11, 55);
    expect(suggestPostingTime(late, 0)).toBeGreaterThan(late);
  });

  it('orders guides differently from post to post, the same way every time', () => {
    const guides = Array.from({ length: 8 }, (_, i) => `o_guide_${i}`);
    const a = staggerOrder('pst_aaaaaaaaaaaa', guides);
    expect(staggerOrder('pst_aaaaaaaaaaaa', [...guides].reverse())).toEqual(a);
    expect(new Set(a)).toEqual(new Set(guides));
    const firsts = new Set(Array.from({ length: 20 }, (_, i) => staggerOrder(`pst_post${i}xxxxxx`, guides)[0]));
    expect(firsts.size).toBeGreaterThan(3);
  });
});

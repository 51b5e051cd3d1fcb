import { varyTextAtPlace } from './places';

const SHORT =
  '每月 18 号是山茶生活会员日💝\n积分商城上新：山茶花手作茶包、竹编茶席杯垫，积分就能换。\n新会员还有 10 元无门槛券，注册就能领，门店直接核销。\n\n#会员日# #山茶生活#';

describe('texts by audience place', () => {
  it('gives distinct places distinct texts, the same on every call and in any order of calls', () => {
    const forward = Array.from(
      { length: 20 },
      (_, place) => varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_short', place }).text,
    );
    expect(new Set(forward).size).toBe(20);
    expect(forward).not.toContain(SHORT);
    // Another series in between, then the places asked again backwards: the same texts.
    varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_other', place: 3 });
    const backward = Array.from(
      { length: 20 },
      (_, i) => varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_short', place: 19 - i }).text,
    ).reverse();
    expect(backward).toEqual(forward);
    // A different post (series) draws other texts.
    const other = varyTextAtPlace({ text: SHORT, strength: 'subtle', series: 'pst_other', place: 0 }).text;
    expect(other).not.toBe(forward[0]);
  });

  it('answers a text even past the variants a post can have', () => {
    const tiny = '¥199';
    const out = varyTextAtPlace({ text: tiny, strength: 'subtle', series: 'pst_tiny', place: 50 });
    expect(out.text).toBe(tiny);
    expect(out.strength).toBe('off');
    expect(() => varyTextAtPlace({ text: tiny, strength: 'subtle', series: 'pst_tiny', place: -1 })).toThrow(
      RangeError,
    );
  });
});

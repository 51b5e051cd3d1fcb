import { splitChanges } from './highlight';

describe('splitChanges', () => {
  it('cuts the text into plain and changed spans that join back to the text', () => {
    const text = '今天到店有惊喜哦';
    const spans = splitChanges(text, [
      { start: 5, end: 7, kind: 'synonym', original: '礼物' },
      { start: 0, end: 2, kind: 'opener' },
    ]);
    expect(spans.map((s) => s.text).join('')).toBe(text);
    expect(spans.filter((s) => s.kind).map((s) => s.text)).toEqual(['今天', '惊喜']);
  });

  it('drops overlapping and out-of-range changes', () => {
    const spans = splitChanges('abcdef', [
      { start: 1, end: 4, kind: 'a' },
      { start: 2, end: 3, kind: 'b' },
      { start: 5, end: 99, kind: 'c' },
    ]);
    expect(spans.map((s) => s.text).join('')).toBe('abcdef');
    expect(spans.filter((s) => s.kind).map((s) => s.kind)).toEqual(['a']);
  });
});

import { readingLine } from './timeline-screen';

describe('how a visit reads on the customer timeline', () => {
  it('says how far they read and how long they stayed', () => {
    expect(readingLine({ seconds: 125, depth: { paragraph: 3, paragraphs: 6, ratio: 0.4 } })).toBe(
      '读到第 3 段（共 6 段），停留 2分钟',
    );
    expect(readingLine({ seconds: 41, depth: { paragraph: 6, paragraphs: 6, ratio: 1 } })).toBe(
      '读到第 6 段（共 6 段，已读完），停留 41秒',
    );
  });

  it('says the time alone when the page did not report depth', () => {
    expect(readingLine({ seconds: 20 })).toBe('读了 20秒');
    expect(readingLine({ seconds: 0 })).toBe('刚打开');
  });
});

import { MAX_VISIT_SECONDS } from '@core/contracts/insight';
import { acceptedSeconds, CLOCK_SLACK_SECONDS, deeper } from './reading';

const T0 = 1_700_000_000_000;

describe('accepted reading time', () => {
  it('takes what the page reports when time has really passed', () => {
    expect(acceptedSeconds(20, 0, T0, T0 + 21_000)).toBe(20);
  });
  it('never exceeds the time since the open plus slack', () => {
    expect(acceptedSeconds(600, 0, T0, T0 + 10_000)).toBe(10 + CLOCK_SLACK_SECONDS);
  });
  it('never exceeds the per-visit cap', () => {
    expect(acceptedSeconds(99_999, 0, T0, T0 + 10 * 3600_000)).toBe(MAX_VISIT_SECONDS);
  });
  it('never shrinks what is stored', () => {
    expect(acceptedSeconds(5, 40, T0, T0 + 60_000)).toBe(40);
  });
});

describe('reading depth', () => {
  const at = (paragraph: number, ratio: number) => ({ paragraph, paragraphs: 6, ratio });
  it('takes the first report', () => {
    expect(deeper(at(1, 0.1), undefined)).toBe(true);
  });
  it('keeps the deepest point: a larger share of the text, or a later paragraph at the same share', () => {
    expect(deeper(at(4, 0.7), at(3, 0.5))).toBe(true);
    expect(deeper(at(4, 0.5), at(3, 0.5))).toBe(true);
    expect(deeper(at(2, 0.3), at(3, 0.5))).toBe(false);
    expect(deeper(at(3, 0.5), at(3, 0.5))).toBe(false);
  });
});

import { MAX_VISIT_SECONDS } from '@core/contracts/insight';
import { acceptedSeconds, CLOCK_SLACK_SECONDS } from './reading';

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

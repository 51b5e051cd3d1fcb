import { dayKey, endOfDay, endOfDayKey, expiryFor, monthKey } from './calendar';

// 2026-03-01 00:30 in Beijing is 2026-02-28 16:30 UTC.
const justAfterBeijingMidnight = Date.parse('2026-02-28T16:30:00Z');

describe('Beijing calendar', () => {
  it('names the Beijing day and month, not the UTC one', () => {
    expect(dayKey(justAfterBeijingMidnight)).toBe('2026-03-01');
    expect(monthKey(justAfterBeijingMidnight)).toBe('2026-03');
  });

  it('ends a day at the next Beijing midnight', () => {
    expect(endOfDay(justAfterBeijingMidnight)).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(endOfDayKey('2026-03-01')).toBe(Date.parse('2026-03-01T16:00:00Z'));
  });

  it('lets points earned on 1 March with 30 days last through the end of 31 March', () => {
    const e = expiryFor(justAfterBeijingMidnight, 30);
    expect(e).toEqual({ key: '2026-03-31', expiresAt: Date.parse('2026-03-31T16:00:00Z') });
    // The same day earned late in the evening expires the same moment.
    const late = expiryFor(Date.parse('2026-03-01T15:59:59Z'), 30);
    expect(late).toEqual(e);
  });

  it('never expires with 0 days', () => {
    expect(expiryFor(justAfterBeijingMidnight, 0)).toBeNull();
  });
});

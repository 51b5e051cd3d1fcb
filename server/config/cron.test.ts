import { CronError, CronSchedule } from './cron';

/** Beijing wall-clock time → epoch ms (Beijing is UTC+8 all year). */
const bj = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('CronSchedule', () => {
  it('fires a daily 02:00 trigger at 02:00 Beijing time, not UTC', () => {
    const daily = new CronSchedule('0 0 2 * * * *');
    expect(daily.next(bj(2026, 3, 1, 1, 59, 59))).toBe(bj(2026, 3, 1, 2, 0, 0));
    expect(daily.next(bj(2026, 3, 1, 2, 0, 0))).toBe(bj(2026, 3, 2, 2, 0, 0));
  });

  it('steps every second and every 5 minutes', () => {
    expect(new CronSchedule('* * * * * * *').next(bj(2026, 1, 1, 0, 0, 0) + 400)).toBe(bj(2026, 1, 1, 0, 0, 1));
    const every5 = new CronSchedule('0 */5 * * * * *');
    expect(every5.next(bj(2026, 1, 1, 10, 3, 0))).toBe(bj(2026, 1, 1, 10, 5, 0));
    expect(every5.next(bj(2026, 1, 1, 23, 57, 0))).toBe(bj(2026, 1, 2, 0, 0, 0));
  });

  it('understands lists, ranges, month and week names', () => {
    const weekdays = new CronSchedule('0 30 9 * * MON-FRI *');
    // 2026-03-07 is a Saturday: the next weekday run is Monday the 9th.
    expect(weekdays.next(bj(2026, 3, 6, 10, 0, 0))).toBe(bj(2026, 3, 9, 9, 30, 0));
    const quarterly = new CronSchedule('0 0 0 1 JAN,APR,JUL,OCT * *');
    expect(quarterly.next(bj(2026, 4, 2))).toBe(bj(2026, 7, 1));
  });

  it('matches either day or week when both are restricted', () => {
    // The 15th, or any Sunday. 2026-03-08 is a Sunday.
    const s = new CronSchedule('0 0 8 15 * 0 *');
    expect(s.next(bj(2026, 3, 2))).toBe(bj(2026, 3, 8, 8));
    expect(s.next(bj(2026, 3, 8, 9))).toBe(bj(2026, 3, 15, 8));
  });

  it('skips months without the day and stops after the last year', () => {
    expect(new CronSchedule('0 0 0 31 * * *').next(bj(2026, 4, 1))).toBe(bj(2026, 5, 31));
    expect(new CronSchedule('0 0 0 1 1 * 2027').next(bj(2027, 6, 1))).toBeNull();
  });

  it('agrees with matches() on the times next() returns', () => {
    const s = new CronSchedule('15 10-20/5 3,4 * * * *');
    let t = bj(2026, 5, 5);
    for (let i = 0; i < 10; i++) {
      const n = s.next(t);
      expect(n).not.toBeNull();
      expect(s.matches(n as number)).toBe(true);
      expect(s.matches((n as number) - 1000)).toBe(false);
      t = n as number;
    }
  });

  it.each([
    ['0 0 2 * * *', /7 fields/],
    ['60 * * * * * *', /second value "60"/],
    ['* * * 0 * * *', /day value "0"/],
    ['* * * * 13 * *', /month value "13"/],
    ['* * * * * 7 *', /week value "7"/],
    ['* * 5-2 * * * *', /runs backwards/],
    ['*/0 * * * * * *', /step/],
    ['* * * ? * * *', /day value/],
  ])('refuses %s', (expr, why) => {
    expect(() => new CronSchedule(expr)).toThrow(CronError);
    expect(() => new CronSchedule(expr)).toThrow(why);
  });
});

import {
  InsufficientPointsError,
  NEVER,
  addToLots,
  nextExpiry,
  splitExpired,
  sumLots,
  takeFromLots,
  type Lot,
} from './lots';

const lot = (key: string, amount: number, expiresAt: number | null): Lot => ({ key, amount, expiresAt });

describe('points lots', () => {
  it('merges credits that expire the same day and keeps the oldest first', () => {
    let lots = addToLots([], 10, { key: '2026-03-31', expiresAt: 300 });
    lots = addToLots(lots, 5, null);
    lots = addToLots(lots, 7, { key: '2026-03-01', expiresAt: 100 });
    lots = addToLots(lots, 3, { key: '2026-03-31', expiresAt: 300 });
    expect(lots).toEqual([lot('2026-03-01', 7, 100), lot('2026-03-31', 13, 300), lot(NEVER, 5, null)]);
  });

  it('spends the lot that expires first (FIFO) and drops emptied lots', () => {
    const lots = [lot('b', 10, 200), lot('a', 4, 100), lot(NEVER, 50, null)];
    const { lots: left, taken } = takeFromLots(lots, 12);
    expect(taken).toEqual([lot('a', 4, 100), lot('b', 8, 200)]);
    expect(left).toEqual([lot('b', 2, 200), lot(NEVER, 50, null)]);
  });

  it('drains a preferred lot first when reversing a credit', () => {
    const { lots: left } = takeFromLots([lot('a', 4, 100), lot('b', 10, 200)], 10, 'b');
    expect(left).toEqual([lot('a', 4, 100)]);
  });

  it('refuses to take more than the lots hold and leaves them untouched', () => {
    const lots = [lot('a', 4, 100)];
    expect(() => takeFromLots(lots, 5)).toThrow(InsufficientPointsError);
    expect(lots).toEqual([lot('a', 4, 100)]);
  });

  it('rejects fractional and non-positive amounts', () => {
    expect(() => addToLots([], 1.5, null)).toThrow(RangeError);
    expect(() => takeFromLots([lot('a', 4, 100)], 0)).toThrow(RangeError);
  });

  it('splits expired lots at their expiry instant', () => {
    const lots = [lot('a', 4, 100), lot('b', 10, 200), lot(NEVER, 1, null)];
    expect(splitExpired(lots, 99).expired).toEqual([]);
    const at100 = splitExpired(lots, 100);
    expect(at100.expired).toEqual([lot('a', 4, 100)]);
    expect(sumLots(at100.live)).toBe(11);
    expect(nextExpiry(at100.live)).toBe(200);
    expect(nextExpiry([lot(NEVER, 1, null)])).toBeNull();
  });
});

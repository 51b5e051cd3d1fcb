import { qrRows } from './coupon-qr';

describe('coupon QR', () => {
  it('draws a square with a light quiet zone and the finder pattern in the corner', () => {
    const rows = qrRows('ABCDEFGHJKMN');
    const width = (row: { length: number }[]) => row.reduce((s, r) => s + r.length, 0);
    expect(rows.every((row) => width(row) === rows.length)).toBe(true);
    expect(rows[0]).toEqual([{ dark: false, length: rows.length }]);
    // Row 4 is the top of the finder pattern: 4 light, 7 dark, then the rest.
    expect(rows[4]?.slice(0, 2)).toEqual([
      { dark: false, length: 4 },
      { dark: true, length: 7 },
    ]);
  });

  it('differs for different codes', () => {
    expect(JSON.stringify(qrRows('ABCDEFGHJKMN'))).not.toBe(JSON.stringify(qrRows('ABCDEFGHJKMP')));
  });
});

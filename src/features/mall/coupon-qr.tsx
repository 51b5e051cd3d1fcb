import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';
import './coupon-qr.scss';

/** Modules of light margin around the code; scanners need four. */
const QUIET = 4;

/** Runs of equal modules per row: far fewer views than one per module, on both H5 and weapp. */
export function qrRows(text: string): { dark: boolean; length: number }[][] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const rows: { dark: boolean; length: number }[][] = [];
  for (let r = -QUIET; r < size + QUIET; r++) {
    const runs: { dark: boolean; length: number }[] = [];
    for (let c = -QUIET; c < size + QUIET; c++) {
      const dark = r >= 0 && c >= 0 && r < size && c < size && Boolean(modules.get(r, c));
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.length += 1;
      else runs.push({ dark, length: 1 });
    }
    rows.push(runs);
  }
  return rows;
}

/**
 * The coupon's code as a QR for the store's scanner, drawn with plain views (no canvas), so the
 * same component works in the mini-program and in the browser.
 */
export function CouponQr({ code, size = 200 }: { code: string; size?: number }) {
  const rows = useMemo(() => qrRows(code), [code]);
  const cell = Math.max(2, Math.floor(size / (rows.length || 1)));
  return (
    <View
      className="coupon-qr"
      style={{ width: `${cell * rows.length}px` }}
      data-testid="coupon-qr"
      aria-label={`券码 ${code}`}
    >
      {rows.map((runs, r) => (
        <View key={r} className="coupon-qr__row" style={{ height: `${cell}px` }}>
          {runs.map((run, i) => (
            <View
              key={i}
              className={run.dark ? 'coupon-qr__dark' : 'coupon-qr__light'}
              style={{ width: `${run.length * cell}px`, height: `${cell}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * Is an embedded ICC profile just sRGB? Then converting from it to sRGB changes nothing (every 8-bit
 * value maps to itself) and the decode can skip the colour transform, which costs about as much as
 * the JPEG decode itself. Designers' exports carry such a profile more often than not; phone photos in
 * Display P3 and Adobe RGB files do not pass and are converted as before.
 *
 * A profile passes when it is a matrix/TRC RGB profile (no LUT-based A2B/B2A tags, which a colour
 * engine would use instead of the matrix) whose D50 colorants are sRGB's within COLORANT_TOLERANCE,
 * and whose three tone curves, read back through sRGB's own curve, put every 8-bit level within
 * TRC_TOLERANCE of itself.
 */

/** sRGB's colorants adapted to D50 (IEC 61966-2-1 as written in ICC v2/v4 sRGB profiles). */
const SRGB_COLORANTS: Record<string, readonly [number, number, number]> = {
  rXYZ: [0.436, 0.2225, 0.0139],
  gXYZ: [0.3851, 0.7169, 0.0971],
  bXYZ: [0.1431, 0.0606, 0.7139],
};
const COLORANT_TOLERANCE = 0.0005;
/** Code values (of 255) a level may move through the tone curve and back. */
const TRC_TOLERANCE = 0.35;
const LUT_TAGS = new Set(['A2B0', 'A2B1', 'A2B2', 'B2A0', 'B2A1', 'B2A2', 'D2B0', 'D2B1', 'D2B2', 'D2B3']);

/** sRGB's encoding curve (linear 0..1 → code value 0..1). */
const linearToSrgb = (l: number): number => (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055);

type Curve = (x: number) => number;

function readCurve(icc: Buffer, at: number, size: number): Curve | null {
  if (at + 12 > icc.length || size < 12) return null;
  const type = icc.toString('latin1', at, at + 4);
  if (type === 'curv') {
    const n = icc.readUInt32BE(at + 8);
    if (at + 12 + 2 * n > icc.length) return null;
    if (n === 0) return (x) => x;
    if (n === 1) {
      const gamma = icc.readUInt16BE(at + 12) / 256;
      return (x) => x ** gamma;
    }
    const table = Array.from({ length: n }, (_, i) => icc.readUInt16BE(at + 12 + 2 * i) / 65535);
    return (x) => {
      const p = x * (n - 1);
      const i = Math.min(n - 2, Math.floor(p));
      return table[i]! + (table[i + 1]! - table[i]!) * (p - i);
    };
  }
  if (type === 'para') {
    const fn = icc.readUInt16BE(at + 8);
    const count = [1, 3, 4, 5, 7][fn];
    if (count === undefined || at + 12 + 4 * count > icc.length) return null;
    const [g, a, b, c, d, e, f] = Array.from({ length: 7 }, (_, i) =>
      i < count ? icc.readInt32BE(at + 12 + 4 * i) / 65536 : 0,
    ) as [number, number, number, number, number, number, number];
    const pow = (x: number): number => (x > 0 ? x ** g : 0);
    switch (fn) {
      case 0:
        return (x) => pow(x);
      case 1:
        return (x) => (x >= -b / a ? pow(a * x + b) : 0);
      case 2:
        return (x) => (x >= -b / a ? pow(a * x + b) + c : c);
      case 3:
        return (x) => (x >= d ? pow(a * x + b) : c * x);
      default:
        return (x) => (x >= d ? pow(a * x + b) + e : c * x + f);
    }
  }
  return null;
}

export function isSrgbEquivalent(icc: Buffer): boolean {
  if (icc.length < 132 || icc.toString('latin1', 36, 40) !== 'acsp') return false;
  if (icc.toString('latin1', 16, 20) !== 'RGB ' || icc.toString('latin1', 20, 24) !== 'XYZ ') return false;
  const count = icc.readUInt32BE(128);
  if (132 + 12 * count > icc.length) return false;
  const tags = new Map<string, { at: number; size: number }>();
  for (let t = 0; t < count; t++) {
    const o = 132 + 12 * t;
    tags.set(icc.toString('latin1', o, o + 4), { at: icc.readUInt32BE(o + 4), size: icc.readUInt32BE(o + 8) });
  }
  for (const sig of tags.keys()) if (LUT_TAGS.has(sig)) return false;
  for (const [sig, want] of Object.entries(SRGB_COLORANTS)) {
    const tag = tags.get(sig);
    if (!tag || tag.size < 20 || tag.at + 20 > icc.length || icc.toString('latin1', tag.at, tag.at + 4) !== 'XYZ ') {
      return false;
    }
    for (let k = 0; k < 3; k++) {
      if (Math.abs(icc.readInt32BE(tag.at + 8 + 4 * k) / 65536 - want[k]!) > COLORANT_TOLERANCE) return false;
    }
  }
  for (const sig of ['rTRC', 'gTRC', 'bTRC']) {
    const tag = tags.get(sig);
    const curve = tag && readCurve(icc, tag.at, tag.size);
    if (!curve) return false;
    for (let level = 0; level < 256; level++) {
      const back = 255 * linearToSrgb(Math.min(1, Math.max(0, curve(level / 255))));
      if (!(Math.abs(back - level) <= TRC_TOLERANCE)) return false;
    }
  }
  return true;
}

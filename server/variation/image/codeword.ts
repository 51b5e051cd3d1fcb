/**
 * The codeword idea: give each guide a codeword of the extended binary Golay code [24, 12, 8] and
 * write it into 24 pHash bits. Any two codewords differ in at least 8 positions, so any two guides'
 * images are at least 8 pHash bits apart by construction, with the smallest change that achieves it.
 * The 759 weight-8 codewords ("octads") are used first: each flips only 8 bits, pairwise distance 8,
 * 12 or 16. Guide indices beyond 759 wrap (no guarantee between those pairs, still random-distinct).
 */

const QUADRATIC_RESIDUES_MOD_11 = new Set([1, 3, 4, 5, 9]);

function generatorRows(): number[] {
  const rows: number[] = [];
  for (let i = 0; i < 11; i++) {
    let parity = 1 << 11;
    for (let j = 0; j < 11; j++) {
      const d = (j - i + 11) % 11;
      if (d === 0 || QUADRATIC_RESIDUES_MOD_11.has(d)) parity |= 1 << j;
    }
    rows.push((1 << (12 + i)) | parity);
  }
  rows.push((1 << 23) | 0x7ff);
  return rows;
}

export function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** All 4096 codewords as 24-bit integers, ascending. */
export function golayCodewords(): number[] {
  const rows = generatorRows();
  const out: number[] = [];
  for (let m = 0; m < 4096; m++) {
    let c = 0;
    for (let i = 0; i < 12; i++) if (m & (1 << i)) c ^= rows[i]!;
    out.push(c);
  }
  return out.sort((a, b) => a - b);
}

let octadCache: number[] | undefined;

/** The 759 octads in ascending order: a guide index maps to the same octad on every machine. */
export function octads(): readonly number[] {
  octadCache ??= golayCodewords().filter((c) => popcount(c) === 8);
  return octadCache;
}

export function codewordForGuide(guideIndex: number): number {
  const list = octads();
  return list[((guideIndex % list.length) + list.length) % list.length]!;
}

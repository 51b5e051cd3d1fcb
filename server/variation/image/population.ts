/** Population figures for one image's variants across guides: perceptual-hash distances, MD5 uniqueness. */
import { createHash } from 'node:crypto';
import { distribution, type Distribution } from '../stats';
import { decodeRgb } from './decode';
import { blockhash256, hamming, pHash } from './hashes';

export interface ImagePopulationFigures {
  guides: number;
  md5Distinct: number;
  pHash: Distribution;
  blockhash: Distribution;
}

export const IMAGE_POPULATION_GATES = { minPHashP5: 8, minPHashMedian: 10, minBlockhashMin: 20 } as const;

export async function imagePopulationFigures(variants: readonly Buffer[]): Promise<ImagePopulationFigures> {
  const ph: Uint8Array[] = [];
  const bh: Uint8Array[] = [];
  for (const v of variants) {
    const img = await decodeRgb(v);
    ph.push(pHash(img));
    bh.push(blockhash256(img));
  }
  const pd: number[] = [];
  const bd: number[] = [];
  for (let i = 0; i < variants.length; i++) {
    for (let j = i + 1; j < variants.length; j++) {
      pd.push(hamming(ph[i]!, ph[j]!));
      bd.push(hamming(bh[i]!, bh[j]!));
    }
  }
  return {
    guides: variants.length,
    md5Distinct: new Set(variants.map((v) => createHash('md5').update(v).digest('hex'))).size,
    pHash: distribution(pd),
    blockhash: distribution(bd),
  };
}

/**
 * The image variant transform written for jimp (pure JS), for the speed comparison only: the same
 * steps as server/variation/image (crop, per-channel gain and offset, a low-frequency brightness field
 * from 8×8 DCT coefficients, JPEG re-encode), evaluated per pixel the way a JS library does it.
 */
import { Jimp } from 'jimp';
import { Rng } from '@server/variation/seed';

export async function jimpVariant(data: Buffer, seed: number): Promise<Buffer> {
  const rng = new Rng(seed, 'jimp-bench');
  const img = await Jimp.read(data);
  const W = img.bitmap.width;
  const H = img.bitmap.height;
  const cutX = Math.round(W * rng.uniform(0.01, 0.025));
  const cutY = Math.round(H * rng.uniform(0.01, 0.025));
  img.crop({ x: Math.round(cutX * rng.next()), y: Math.round(cutY * rng.next()), w: W - cutX, h: H - cutY });
  const w = img.bitmap.width;
  const h = img.bitmap.height;
  const gains = [0, 1, 2].map(() => 1 + rng.uniform(-0.025, 0.025));
  const offset = rng.uniform(-3, 3);
  const c = Array.from({ length: 64 }, (_, i) => (i === 0 ? 0 : rng.normal() * 0.6));
  const a = (k: number): number => (k === 0 ? Math.sqrt(1 / 32) : Math.sqrt(2 / 32));
  const cx = Array.from({ length: 8 }, (_, u) =>
    Float64Array.from({ length: w }, (_, x) => a(u) * Math.cos((Math.PI * u * (x + 0.5)) / w)),
  );
  const rowc = new Float64Array(8);
  const d = img.bitmap.data;
  for (let y = 0; y < h; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += c[v * 8 + u]! * a(v) * Math.cos((Math.PI * v * (y + 0.5)) / h);
      rowc[u] = s;
    }
    for (let x = 0; x < w; x++) {
      let f = 0;
      for (let u = 0; u < 8; u++) f += rowc[u]! * cx[u]![x]!;
      const i = (y * w + x) * 4;
      for (let k = 0; k < 3; k++) d[i + k] = Math.max(0, Math.min(255, Math.round(d[i + k]! * gains[k]! + offset + f)));
    }
  }
  return img.getBuffer('image/jpeg', { quality: 88 });
}

export async function jimpDecodeEncode(data: Buffer): Promise<Buffer> {
  return (await Jimp.read(data)).getBuffer('image/jpeg', { quality: 88 });
}

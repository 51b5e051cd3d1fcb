/** Decoding through sharp into the RGB planes the engines work on. */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { isSrgbEquivalent } from './icc';
import type { RgbImage } from './raster';

// Each call works on its own buffers; libvips' operation cache only costs memory in a function.
sharp.cache(false);

/**
 * Any input sharp reads → upright (EXIF orientation applied), sRGB, 3 channels, alpha flattened on
 * white. An embedded profile that is just sRGB is not converted from (see icc.ts): same pixels,
 * without the colour transform's cost.
 */
export async function decodeRgb(data: Buffer): Promise<RgbImage> {
  return decodeUpright(data, await sharp(data).metadata(), null);
}

/** decodeRgb's pipeline, scaled to `size` (upright) after the rotation when one is given. */
async function decodeUpright(
  data: Buffer,
  { icc }: Metadata,
  size: { width: number; height: number } | null,
): Promise<RgbImage> {
  let image = sharp(data, { ignoreIcc: icc !== undefined && isSrgbEquivalent(icc) }).rotate();
  if (size) image = image.resize(size.width, size.height, { fit: 'fill' });
  const { data: raw, info } = await image
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rgbImage(raw, info);
}

/**
 * The largest original the engine varies at full size, in pixels (a 4:3 photo at 1920 × 1440, a
 * long poster at 1080 × 2560). Guides post the variants to Moments, which shows them smaller
 * still; a phone camera's 12 MP photo varied at full size took 12.7 s and 517 MB for one guide's 9
 * images (the content function has 15 s and 512 MB), at this size 1.6 s and 343 MB. A bound on
 * pixels whatever the shape, because time and memory go with pixels: a 1080 × 20000 strip would
 * cost what the 12 MP photo did.
 */
export const SOURCE_MAX_PIXELS = 1920 * 1440;

/** The size an upright original of width × height is varied at: at most SOURCE_MAX_PIXELS, aspect kept. */
export function sourceSize(width: number, height: number): { width: number; height: number } {
  const pixels = width * height;
  if (pixels <= SOURCE_MAX_PIXELS) return { width, height };
  const scale = Math.sqrt(SOURCE_MAX_PIXELS / pixels);
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

/**
 * An original as the engine varies it: decodeRgb's pixels, scaled down to sourceSize (libvips'
 * default Lanczos kernel, after shrink-on-load for a JPEG: deterministic, and the 12 MP decode
 * itself never held in memory). Everything that compares a variant with its original (the
 * variant's own check, checkImageGates) reads the original through this.
 */
export async function decodeSource(data: Buffer): Promise<RgbImage> {
  const meta = await sharp(data).metadata();
  // EXIF orientations 5-8 turn the image a quarter: the upright size has the sides swapped.
  const turned = (meta.orientation ?? 1) >= 5;
  const upright = turned
    ? { width: meta.height ?? 0, height: meta.width ?? 0 }
    : { width: meta.width ?? 0, height: meta.height ?? 0 };
  const target = sourceSize(upright.width, upright.height);
  const same = target.width === upright.width && target.height === upright.height;
  return decodeUpright(data, meta, same ? null : target);
}

/** A JPEG this engine wrote (upright, sRGB, no alpha): plain decode, none of decodeRgb's conversions. */
export async function decodeOwnJpeg(data: Buffer): Promise<RgbImage> {
  const { data: raw, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
  return rgbImage(raw, info);
}

/** sharp's raw output as an RgbImage over the same bytes (a plain Uint8Array view, not a Buffer). */
function rgbImage(raw: Buffer, info: OutputInfo): RgbImage {
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  return {
    data: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
    width: info.width,
    height: info.height,
    channels: 3,
  };
}

export async function encodeJpeg(img: RgbImage, quality: number): Promise<Buffer> {
  // No withMetadata/keepMetadata: EXIF, XMP, IPTC and ICC are not written.
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 3 },
  })
    .jpeg({ quality, chromaSubsampling: '4:2:0' })
    .toBuffer();
}

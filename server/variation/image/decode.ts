/** Decoding through sharp into the RGB planes the engines work on. */
import sharp, { type OutputInfo } from 'sharp';
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
  const { icc } = await sharp(data).metadata();
  const { data: raw, info } = await sharp(data, { ignoreIcc: icc !== undefined && isSrgbEquivalent(icc) })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rgbImage(raw, info);
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

/**
 * The same JPEG with a comment segment after its SOI marker: the same pixels under different bytes,
 * so the engine's cache of decoded originals (keyed by the bytes) treats it as a new original.
 */
export function withComment(jpeg: Buffer, text: string): Buffer {
  const payload = Buffer.from(text, 'latin1');
  const head = Buffer.from([0xff, 0xfe, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

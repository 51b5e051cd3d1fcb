/**
 * wxacode.getUnlimited: a PNG QR code carrying the page and scene.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
 *
 * WeChat draws its round "sun code"; locally it is a standard QR code whose text is
 * `wxacode://<appid>/<page>?scene=<scene>&env_version=<v>`, so tests can decode it and assert.
 */
import QRCode from 'qrcode';
import sharp from 'sharp';
import { wxError, type OpenApi } from '../types';

/** The platform's rule: at most 32 visible characters from this set. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

interface Rgb {
  r?: unknown;
  g?: unknown;
  b?: unknown;
}

const channel = (v: unknown) => Math.max(0, Math.min(255, Math.round(Number(v)) || 0));

/** Quiet zone around the code, in modules. */
const MARGIN = 2;

/**
 * Draws the QR matrix into raw RGBA and encodes it with sharp (native): pngjs' encoder is ~100×
 * slower under jest's module sandbox, enough to trip a 3 s function timeout.
 */
async function renderQrPng(
  text: string,
  opts: { width: number; dark: [number, number, number]; transparent: boolean },
): Promise<Buffer> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.max(1, Math.floor(opts.width / (n + 2 * MARGIN)));
  const side = (n + 2 * MARGIN) * scale;
  const raw = Buffer.alloc(side * side * 4);
  for (let y = 0; y < side; y++) {
    const my = Math.floor(y / scale) - MARGIN;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - MARGIN;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
      const i = (y * side + x) * 4;
      if (dark) {
        raw[i] = opts.dark[0];
        raw[i + 1] = opts.dark[1];
        raw[i + 2] = opts.dark[2];
        raw[i + 3] = 255;
      } else {
        raw.fill(255, i, i + 3);
        raw[i + 3] = opts.transparent ? 0 : 255;
      }
    }
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 4 } })
    .png()
    .toBuffer();
}

export function payloadOf(appid: string, page: string, scene: string, envVersion: string): string {
  return `wxacode://${appid || 'unknown'}/${page}?scene=${encodeURIComponent(scene)}&env_version=${envVersion}`;
}

/** `pages`: the app's page list; when given and check_path is not false, an unknown page answers 41030. */
export function createGetUnlimited(pages: readonly string[] | null = null): OpenApi {
  return async (p, caller) => {
    // The SDK sends numbers as numbers; anything else that is not text is refused like bad JSON.
    const scene = typeof p.scene === 'string' || typeof p.scene === 'number' ? String(p.scene) : '';
    if (scene === '' || scene.length > 32)
      return wxError(40169, 'invalid length for scene, or the data is not json string');
    if (!SCENE_PATTERN.test(scene)) return wxError(40129, 'invalid scene');
    if (p.page !== undefined && p.page !== null && typeof p.page !== 'string')
      return wxError(41030, 'invalid page rid');
    const page = typeof p.page === 'string' ? p.page : '';
    if (page.startsWith('/') || page.includes('?')) return wxError(41030, 'invalid page rid');
    if (pages && page && p.check_path !== false && !pages.includes(page)) return wxError(41030, 'invalid page rid');
    const envVersion = typeof p.env_version === 'string' ? p.env_version : 'release';
    if (!['release', 'trial', 'develop'].includes(envVersion)) return wxError(40097, 'invalid args: env_version');
    const width = Math.min(1280, Math.max(280, Number(p.width) || 430));
    const line = (p.line_color && typeof p.line_color === 'object' ? p.line_color : {}) as Rgb;
    const png = await renderQrPng(payloadOf(caller.appid, page, scene, envVersion), {
      width,
      dark: [channel(line.r), channel(line.g), channel(line.b)],
      transparent: p.is_hyaline === true,
    });
    return { contentType: 'image/png', body: png };
  };
}

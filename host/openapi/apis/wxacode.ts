/**
 * wxacode.getUnlimited: a PNG QR code carrying the page and scene.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
 *
 * WeChat draws its round "sun code"; locally it is a standard QR code whose text is
 * `wxacode://<appid>/<page>?scene=<scene>&env_version=<v>`, so tests can decode it and assert.
 */
import QRCode from 'qrcode';
import { wxError, type OpenApi } from '../types';

/** The platform's rule: at most 32 visible characters from this set. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

interface Rgb {
  r?: unknown;
  g?: unknown;
  b?: unknown;
}

const hex = (v: unknown) =>
  Math.max(0, Math.min(255, Number(v) || 0))
    .toString(16)
    .padStart(2, '0');

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
    const png = await QRCode.toBuffer(payloadOf(caller.appid, page, scene, envVersion), {
      type: 'png',
      width,
      margin: 2,
      errorCorrectionLevel: 'M',
      color: {
        dark: `#${hex(line.r)}${hex(line.g)}${hex(line.b)}ff`,
        light: p.is_hyaline === true ? '#00000000' : '#ffffffff',
      },
    });
    return { contentType: 'image/png', body: png };
  };
}

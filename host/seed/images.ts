/**
 * Product-style pictures for the demo posts, drawn at seed time (no binaries in git): a soft
 * gradient backdrop, a tea caddy or a cup on a table line, camellia blossoms and leaves. Vector
 * shapes only, no text, so librsvg renders a 1080² picture in a few tens of milliseconds.
 */
import sharp from 'sharp';

export const DEMO_IMAGE_SIZE = 1080;

/** Brand palettes: backdrop from/to, product body, accent, leaf. */
const PALETTES = [
  { from: '#f4ede1', to: '#d9e6d3', body: '#3f6b4f', accent: '#c8324b', leaf: '#5d8a5a' },
  { from: '#fbeee8', to: '#efc9c2', body: '#b23a48', accent: '#f3d9a4', leaf: '#4f7a58' },
  { from: '#eef2ea', to: '#bcd3c2', body: '#e9dcc4', accent: '#c8324b', leaf: '#2f5d46' },
  { from: '#f7f1e3', to: '#e3cfa8', body: '#7a4b2e', accent: '#d9485f', leaf: '#6b8f4e' },
  { from: '#eaf0f4', to: '#c9d8e2', body: '#f5f0e6', accent: '#b8394f', leaf: '#3e6b57' },
] as const;

export type DemoImageShape = 'caddy' | 'cup' | 'flatlay';
export const DEMO_IMAGE_SHAPES: readonly DemoImageShape[] = ['caddy', 'cup', 'flatlay'];

export interface DemoImageSpec {
  /** Picks the palette; any integer. */
  palette: number;
  shape: DemoImageShape;
}

/** A five-petal camellia at (x, y) with petal radius r. */
function blossom(x: number, y: number, r: number, color: string): string {
  const petals = Array.from({ length: 5 }, (_, i) => {
    const a = (i * 2 * Math.PI) / 5 - Math.PI / 2;
    return `<circle cx="${(x + Math.cos(a) * r * 0.9).toFixed(1)}" cy="${(y + Math.sin(a) * r * 0.9).toFixed(1)}" r="${r}" fill="${color}" opacity="0.92"/>`;
  }).join('');
  return `${petals}<circle cx="${x}" cy="${y}" r="${(r * 0.45).toFixed(1)}" fill="#f6c945"/>`;
}

function leaf(x: number, y: number, angle: number, color: string, len = 120): string {
  return `<ellipse cx="${x}" cy="${y}" rx="${len}" ry="${Math.round(len * 0.38)}" fill="${color}" transform="rotate(${angle} ${x} ${y})"/>`;
}

function product(shape: DemoImageShape, p: (typeof PALETTES)[number]): string {
  switch (shape) {
    case 'caddy':
      return `<ellipse cx="540" cy="900" rx="260" ry="40" fill="#000" opacity="0.12"/>
<rect x="360" y="380" width="360" height="520" rx="36" fill="url(#body)"/>
<rect x="340" y="320" width="400" height="100" rx="24" fill="${p.accent}"/>
<rect x="400" y="560" width="280" height="200" rx="18" fill="#fff" opacity="0.82"/>
${blossom(540, 660, 34, p.accent)}
<rect x="380" y="400" width="40" height="480" rx="20" fill="#fff" opacity="0.18"/>`;
    case 'cup':
      return `<ellipse cx="540" cy="880" rx="330" ry="70" fill="#000" opacity="0.10"/>
<ellipse cx="540" cy="840" rx="300" ry="60" fill="#fff" opacity="0.9"/>
<path d="M330 520 L750 520 L710 800 Q540 860 370 800 Z" fill="url(#body)"/>
<ellipse cx="540" cy="520" rx="210" ry="48" fill="${p.accent}" opacity="0.95"/>
<ellipse cx="540" cy="522" rx="180" ry="36" fill="#c9a25a" opacity="0.9"/>
<path d="M750 580 Q860 600 820 700 Q790 760 725 740" fill="none" stroke="${p.body}" stroke-width="26"/>
<path d="M470 440 Q450 380 490 330 M560 440 Q540 370 580 320" fill="none" stroke="#fff" stroke-width="10" opacity="0.7" stroke-linecap="round"/>`;
    case 'flatlay':
      return `<circle cx="540" cy="560" r="300" fill="#fff" opacity="0.85"/>
<circle cx="540" cy="560" r="220" fill="url(#body)"/>
<circle cx="540" cy="560" r="150" fill="#c9a25a" opacity="0.85"/>
<rect x="120" y="780" width="300" height="160" rx="20" fill="${p.body}" opacity="0.85" transform="rotate(-8 270 860)"/>
${blossom(840, 300, 46, p.accent)}
${blossom(230, 330, 30, p.accent)}`;
  }
}

function svgOf(spec: DemoImageSpec): string {
  const p = PALETTES[((spec.palette % PALETTES.length) + PALETTES.length) % PALETTES.length] ?? PALETTES[0];
  const s = DEMO_IMAGE_SIZE;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 1080 1080">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0.6" y2="1"><stop offset="0" stop-color="${p.from}"/><stop offset="1" stop-color="${p.to}"/></linearGradient>
<linearGradient id="body" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${p.body}"/><stop offset="0.55" stop-color="${p.body}" stop-opacity="0.88"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient>
<radialGradient id="glow" cx="0.7" cy="0.2" r="0.6"><stop offset="0" stop-color="#fff" stop-opacity="0.7"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
</defs>
<rect width="1080" height="1080" fill="url(#bg)"/>
<rect width="1080" height="1080" fill="url(#glow)"/>
<rect y="760" width="1080" height="320" fill="#000" opacity="0.05"/>
${leaf(150, 180, -30, p.leaf)}${leaf(930, 820, 25, p.leaf, 140)}${leaf(880, 150, 40, p.leaf, 90)}
${product(spec.shape, p)}
${blossom(190, 760, 40, p.accent)}
</svg>`;
}

/** One 1080×1080 JPEG (progressive off, quality 82: about 40–70 KB). */
export function makeDemoImage(spec: DemoImageSpec): Promise<Buffer> {
  return sharp(Buffer.from(svgOf(spec)))
    .jpeg({ quality: 82, mozjpeg: false })
    .toBuffer();
}

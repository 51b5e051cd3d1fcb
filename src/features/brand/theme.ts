/**
 * The brand's theme colour as CSS variables: the app's stylesheets read `--brand-color` (and its
 * pressed and soft shades) through src/styles/_tokens.scss, NutUI reads its primary colour.
 */
const HEX = /^#([0-9a-f]{6})$/i;

function channels(hex: string): [number, number, number] | null {
  const m = HEX.exec(hex);
  if (!m?.[1]) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: number[]) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Variables for one colour; empty for a malformed one (the stylesheet defaults then stay). */
export function themeVariables(color: string): Record<string, string> {
  const rgb = channels(color);
  if (!rgb) return {};
  const strong = toHex(rgb.map((v) => v * 0.9));
  const soft = toHex(rgb.map((v) => v + (255 - v) * 0.9));
  return {
    '--brand-color': color,
    '--brand-color-strong': strong,
    '--brand-color-soft': soft,
    '--nutui-color-primary': color,
    '--nutui-color-primary-stop-1': color,
    '--nutui-color-primary-stop-2': strong,
    '--nutui-color-primary-light-pressed': `rgba(${rgb.join(', ')}, 0.12)`,
  };
}

/** The variables as an inline style string (weapp's page-meta takes one). */
export function themeStyle(color: string): string {
  return Object.entries(themeVariables(color))
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

/** H5: the variables on the document root, so every page and NutUI's own styles follow. */
export function applyThemeToDocument(color: string): void {
  if (typeof document === 'undefined') return;
  for (const [k, v] of Object.entries(themeVariables(color))) document.documentElement.style.setProperty(k, v);
}

/**
 * Composes a share poster with sharp: the sharer's image (or a plain invitation card), the title,
 * the sharer's name and store, and the mini-program code. Text is drawn through Pango (sharp's
 * text input), which finds CJK glyphs through fontconfig: the host needs a CJK font installed
 * (Debian fonts-noto-cjk locally). Only what the caller passes is drawn; callers pass names, never ids.
 */
import sharp from 'sharp';
import {
  BYLINE_BOX,
  BYLINE_FONT_PX,
  CODE_BOX,
  COLORS,
  HINT_BOX,
  HINT_FONT_PX,
  IMAGE_BOX,
  POSTER,
  TITLE_BOX,
  TITLE_FONT_PX,
  TITLE_LINE_SPACING,
  TITLE_LINES,
} from './layout';

export interface PosterParts {
  /** The picture at the top (any format sharp reads); absent: the invitation card. */
  image?: Buffer;
  /** Shown on the invitation card when there is no picture. */
  cardLine?: string;
  title: string;
  byline: string;
  hint: string;
  /** The mini-program code (PNG). */
  code: Buffer;
}

export interface Poster {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Pango markup treats these as syntax: a name like "<b>" must be drawn, not parsed. */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface TextSpec {
  text: string;
  px: number;
  width: number;
  color: string;
  bold?: boolean;
  /** Lines kept; the rest is cut off between lines. */
  lines?: number;
  spacing?: number;
}

const font = (t: Pick<TextSpec, 'px' | 'bold'>) => `sans-serif${t.bold ? ' Bold' : ''} ${t.px}`;

function textImage(t: TextSpec, markup: string) {
  return sharp({
    text: { text: markup, font: font(t), width: t.width, dpi: 72, rgba: true, wrap: 'char', spacing: t.spacing ?? 8 },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
}

/**
 * The height of the first line and the step to each next one, at a font: measured once per font
 * (a container may keep them between calls; nothing relies on it).
 */
const metrics = new Map<string, { first: number; step: number }>();
async function lineMetrics(t: TextSpec): Promise<{ first: number; step: number }> {
  const key = `${font(t)}/${t.spacing ?? 8}`;
  let m = metrics.get(key);
  if (!m) {
    const [one, two] = await Promise.all([textImage(t, '国Ag'), textImage(t, '国Ag\n国Ag')]);
    m = { first: one.info.height, step: two.info.height - one.info.height };
    metrics.set(key, m);
  }
  return m;
}

/** Text as a transparent PNG, wrapped by character within `width`, cut after `lines` lines. */
async function renderText(t: TextSpec): Promise<Buffer> {
  const { data, info } = await textImage(t, `<span foreground="${t.color}">${escapeMarkup(t.text)}</span>`);
  const { first, step } = await lineMetrics(t);
  const keep = first + ((t.lines ?? 1) - 1) * step;
  if (info.height <= keep) return data;
  return sharp(data).extract({ left: 0, top: 0, width: info.width, height: keep }).png().toBuffer();
}

/** The plain card an invitation shows where a post would show its picture. */
async function invitationCard(line: string): Promise<Buffer> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_BOX.width}" height="${IMAGE_BOX.height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="${COLORS.brand}"/><stop offset="1" stop-color="#7fb69a"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/>` +
      `<circle cx="620" cy="130" r="180" fill="#ffffff" fill-opacity="0.08"/>` +
      `<circle cx="110" cy="640" r="220" fill="#ffffff" fill-opacity="0.06"/></svg>`,
  );
  const text = await renderText({ text: line, px: 56, width: 600, color: '#ffffff', bold: true, lines: 3 });
  const meta = await sharp(text).metadata();
  return sharp(svg)
    .composite([
      {
        input: text,
        left: Math.round((IMAGE_BOX.width - (meta.width ?? 0)) / 2),
        top: Math.round((IMAGE_BOX.height - (meta.height ?? 0)) / 2),
      },
    ])
    .png()
    .toBuffer();
}

export async function composePoster(parts: PosterParts): Promise<Poster> {
  const top = parts.image
    ? await sharp(parts.image)
        .rotate()
        .resize(IMAGE_BOX.width, IMAGE_BOX.height, { fit: 'cover', position: 'attention' })
        .png()
        .toBuffer()
    : await invitationCard(parts.cardLine ?? parts.title);
  const [title, byline, hint, code] = await Promise.all([
    renderText({
      text: parts.title,
      px: TITLE_FONT_PX,
      width: TITLE_BOX.width,
      color: COLORS.text,
      bold: true,
      lines: TITLE_LINES,
      spacing: TITLE_LINE_SPACING,
    }),
    renderText({ text: parts.byline, px: BYLINE_FONT_PX, width: BYLINE_BOX.width, color: COLORS.text, lines: 2 }),
    renderText({ text: parts.hint, px: HINT_FONT_PX, width: HINT_BOX.width, color: COLORS.muted, lines: 2 }),
    sharp(parts.code)
      .resize(CODE_BOX.width, CODE_BOX.height, { fit: 'contain', background: '#ffffff' })
      .png()
      .toBuffer(),
  ]);
  const jpeg = await sharp({
    create: { width: POSTER.width, height: POSTER.height, channels: 3, background: COLORS.panel },
  })
    .composite([
      { input: top, left: IMAGE_BOX.left, top: IMAGE_BOX.top },
      { input: title, left: TITLE_BOX.left, top: TITLE_BOX.top },
      { input: byline, left: BYLINE_BOX.left, top: BYLINE_BOX.top },
      { input: hint, left: HINT_BOX.left, top: HINT_BOX.top },
      { input: code, left: CODE_BOX.left, top: CODE_BOX.top },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
  return { jpeg, width: POSTER.width, height: POSTER.height };
}

/**
 * Where everything sits on a share poster (pixels, top-left origin). One place, so the composer
 * and the tests that read a poster back (the code region decodes, the image region matches the
 * sharer's variant) agree.
 */
export const POSTER = { width: 750, height: 1250 } as const;

/** The sharer's image (or the invitation card), cover-cropped to a square. */
export const IMAGE_BOX = { left: 0, top: 0, width: 750, height: 750 } as const;

/** The post title (or the invitation line): up to TITLE_LINES lines. */
export const TITLE_BOX = { left: 48, top: 780, width: 654 } as const;
export const TITLE_FONT_PX = 36;
export const TITLE_LINES = 3;
export const TITLE_LINE_SPACING = 10;

/** The sharer's name and store, beside the code. */
export const BYLINE_BOX = { left: 48, top: 995, width: 410 } as const;
export const BYLINE_FONT_PX = 26;

/** "长按识别小程序码…", under the byline. */
export const HINT_BOX = { left: 48, top: 1140, width: 400 } as const;
export const HINT_FONT_PX = 24;

/** The mini-program code. */
export const CODE_BOX = { left: 482, top: 985, width: 230, height: 230 } as const;

export const COLORS = {
  text: '#1f2329',
  muted: '#646a73',
  brand: '#2f6f4f',
  brandLight: '#e8f3ec',
  panel: '#ffffff',
} as const;

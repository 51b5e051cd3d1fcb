/**
 * Where a share token leads, written once for the server (share paths, wxacode pages and scenes)
 * and the app (reading a token back from a page query or a scanned code). Free of zod, so the
 * mini-program imports it without the validator.
 */

/** The page a shared post opens (no leading slash: wxacode wants page paths so). */
export const READ_PAGE = 'pages/customers/read/index';
/** The page an invitation (a share without a post) opens. */
export const JOIN_PAGE = 'pages/join/index';
/** The query key and scene key that carry the token. */
export const SHARE_PARAM = 't';

/** The page a share opens: the reader for a post, the join page for an invitation. */
export function sharePage(hasPost: boolean): string {
  return hasPost ? READ_PAGE : JOIN_PAGE;
}

/** The path with its query, for onShareAppMessage / useShareTimeline and links. */
export function sharePath(token: string, hasPost: boolean): string {
  return `/${sharePage(hasPost)}?${SHARE_PARAM}=${token}`;
}

/** The wxacode scene (≤ 32 characters: `t=` + a 17-character token). */
export function shareScene(token: string): string {
  return `${SHARE_PARAM}=${token}`;
}

/**
 * The token in a page's options: `t` from a shared path, or from the `scene` a scanned code
 * carries (WeChat hands the scene over URL-encoded). Undefined when neither holds one.
 */
export function tokenFromOptions(options: { t?: unknown; scene?: unknown }): string | undefined {
  if (typeof options.t === 'string' && options.t !== '') return options.t;
  if (typeof options.scene !== 'string') return undefined;
  let scene = options.scene;
  try {
    scene = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  const prefix = `${SHARE_PARAM}=`;
  return scene.startsWith(prefix) && scene.length > prefix.length ? scene.slice(prefix.length) : undefined;
}

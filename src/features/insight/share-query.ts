/**
 * What a share carries in the page query: `s` (short id, also inside a wxacode `scene`) or the
 * sharer (`ref`) and post (`post`). Anything malformed is ignored rather than sent.
 */
import type { RecordVisitInput } from './api';

const SHORT = /^[0-9A-Za-z]{8}$/;
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const POST = /^pst_[A-Za-z0-9]{6,40}$/;

function decode(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return undefined;
  }
}

/** A wxacode opens the page with `scene=<encoded "s=XXXXXXXX">`. */
function fromScene(scene: string | undefined): string | undefined {
  const text = decode(scene);
  if (!text) return undefined;
  const s = new URLSearchParams(text).get('s') ?? undefined;
  return s && SHORT.test(s) ? s : undefined;
}

export function visitFromQuery(
  params: Record<string, string | undefined>,
  launchScene: number | undefined,
): (Omit<RecordVisitInput, 'scene'> & { scene?: number }) | null {
  const scene = launchScene !== undefined && launchScene >= 1000 && launchScene <= 9999 ? { scene: launchScene } : {};
  const s = decode(params.s);
  if (s && SHORT.test(s)) return { s, ...scene };
  const fromCode = fromScene(params.scene);
  if (fromCode) return { s: fromCode, ...scene };
  const ref = decode(params.ref);
  if (!ref || !OPENID.test(ref)) return null;
  const post = decode(params.post);
  return { sharer: ref, ...(post && POST.test(post) ? { postId: post } : {}), ...scene };
}

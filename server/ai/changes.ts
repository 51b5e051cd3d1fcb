/**
 * What an AI rewrite changed, as ranges of the new text, for HQ's side-by-side highlight. The
 * local generator records its edits as it makes them; a model's text only has a before and an
 * after, so the ranges come from a longest-common-subsequence diff over UTF-16 units.
 */
import type { TextChange } from '@core/contracts/content';

export const REWRITE_KIND = 'rewrite';

/** Beyond this many cells the diff marks the whole differing middle as one change (bounded memory). */
const MAX_CELLS = 8_000_000;

export function rewriteChanges(original: string, variant: string): TextChange[] {
  let head = 0;
  while (head < original.length && head < variant.length && original[head] === variant[head]) head++;
  let tail = 0;
  while (
    tail < original.length - head &&
    tail < variant.length - head &&
    original[original.length - 1 - tail] === variant[variant.length - 1 - tail]
  )
    tail++;
  const a = original.slice(head, original.length - tail);
  const b = variant.slice(head, variant.length - tail);
  if (b.length === 0) return [];
  if (a.length === 0 || (a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [{ kind: REWRITE_KIND, start: head, end: head + b.length, ...(a ? { original: a } : {}) }];
  }
  // lcs[i][j] = LCS length of a[i..] and b[j..], row-major in one typed array.
  const w = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const changes: TextChange[] = [];
  let i = 0;
  let j = 0;
  let open: { start: number; removed: string } | null = null;
  const close = (at: number) => {
    if (open && at > open.start) {
      changes.push({
        kind: REWRITE_KIND,
        start: head + open.start,
        end: head + at,
        ...(open.removed ? { original: open.removed } : {}),
      });
    }
    open = null;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close(j);
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
      open ??= { start: j, removed: '' };
      j++;
    } else {
      open ??= { start: j, removed: '' };
      open.removed += a[i];
      i++;
    }
  }
  close(j);
  return changes;
}

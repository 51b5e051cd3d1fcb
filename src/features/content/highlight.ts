export interface Span {
  text: string;
  /** The change kind when this span was changed by the variation, else undefined. */
  kind?: string;
  original?: string;
}

/**
 * Splits a variant into plain and changed spans for highlighting. Changes out of range or
 * overlapping an earlier one are dropped rather than garbling the text.
 */
export function splitChanges(
  text: string,
  changes: readonly { start: number; end: number; kind: string; original?: string }[],
): Span[] {
  const sorted = [...changes]
    .filter((c) => c.start >= 0 && c.end <= text.length && c.end >= c.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let at = 0;
  for (const c of sorted) {
    if (c.start < at) continue;
    if (c.start > at) out.push({ text: text.slice(at, c.start) });
    if (c.end > c.start)
      out.push({
        text: text.slice(c.start, c.end),
        kind: c.kind,
        ...(c.original !== undefined ? { original: c.original } : {}),
      });
    at = c.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

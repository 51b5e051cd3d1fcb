/**
 * A post as lines, with list blocks recognised. A list block is two or more consecutive lines with
 * the same symbol marker (✅ ✅ ✅) or consecutive numbers (1. 2. 3. / ① ② ③); a lone marker is just
 * text. The generator and the gate share this reading so list markers are never "protected numbers".
 */
import { markerNumber, parseMarker, type MarkerFamily } from './style';

export interface PostLine {
  /** The line as written (no trailing newline). */
  raw: string;
  /** The list marker when the line belongs to a list block, else ''. */
  marker: string;
  /** The line without its list marker. */
  body: string;
  /** Index of the list block the line belongs to, or -1. */
  block: number;
}

export interface ListBlock {
  family: MarkerFamily;
  /** Line indices, first to last. */
  lines: number[];
  /** For numeric blocks, the first number. */
  firstNumber: number;
}

export interface ParsedPost {
  lines: PostLine[];
  blocks: ListBlock[];
}

export function parsePost(text: string): ParsedPost {
  const raws = text.split('\n');
  const markers = raws.map(parseMarker);
  const lines: PostLine[] = raws.map((raw) => ({ raw, marker: '', body: raw, block: -1 }));
  const blocks: ListBlock[] = [];
  for (let i = 0; i < raws.length;) {
    const m = markers[i];
    if (!m) {
      i++;
      continue;
    }
    let j = i + 1;
    if (m.family === 'symbol') {
      while (j < raws.length && markers[j]?.family === 'symbol' && markers[j]!.text.trim() === m.text.trim()) j++;
    } else {
      let expect = (markerNumber(m.text) ?? 0) + 1;
      while (j < raws.length && markers[j]?.family === 'numeric' && markerNumber(markers[j]!.text) === expect) {
        j++;
        expect++;
      }
    }
    if (j - i >= 2) {
      const index = blocks.length;
      const members: number[] = [];
      for (let k = i; k < j; k++) {
        const marker = markers[k]!.text;
        lines[k] = { raw: raws[k]!, marker, body: raws[k]!.slice(marker.length), block: index };
        members.push(k);
      }
      blocks.push({ family: m.family, lines: members, firstNumber: markerNumber(m.text) ?? 1 });
    }
    i = j;
  }
  return { lines, blocks };
}

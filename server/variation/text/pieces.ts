/**
 * A post as the text generator edits it: lines of pieces (free text, emoji, protected spans, each
 * edit marked with what it changed), the length budget every edit is charged to, and the assembly
 * back into text with the changes as ranges of the output.
 */
import { EMOJI_RE } from './style';
import { findProtectedSpans } from './protect';

export type TextChangeKind = 'synonym' | 'emoji' | 'bullet' | 'reorder' | 'punctuation' | 'opener' | 'closer';

export interface TextChange {
  /** UTF-16 offsets into the variant text (String.prototype.slice). */
  start: number;
  end: number;
  kind: TextChangeKind;
  /** What stood there in the original (synonyms, emoji, markers, punctuation). */
  original?: string;
}

/** Length window the generator aims inside; a little tighter than the gate's −5 %..+20 %. */
const GROW_LIMIT = 0.18;
const SHRINK_LIMIT = 0.04;

export interface Piece {
  text: string;
  /** Protected span: never edited. */
  locked?: boolean;
  emoji?: boolean;
  change?: TextChangeKind;
  original?: string;
}

export interface Line {
  marker: Piece | null;
  pieces: Piece[];
  role: 'body' | 'opener' | 'closer';
  moved: boolean;
}

/** The length window every edit is charged to: an edit that would leave it is not made. */
export class Budget {
  private length: number;
  private readonly min: number;
  private readonly max: number;

  constructor(originalLength: number) {
    this.length = originalLength;
    this.min = Math.ceil(originalLength * (1 - SHRINK_LIMIT));
    this.max = Math.floor(originalLength * (1 + GROW_LIMIT));
  }

  /** Spends the length change if it stays inside the window. */
  take(delta: number): boolean {
    const next = this.length + delta;
    if (next < this.min || next > this.max) return false;
    this.length = next;
    return true;
  }
}

/** A line's text as pieces: protected spans locked, emoji apart from the free text around them. */
export function splitBody(body: string, protectTerms: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  const pushFree = (text: string): void => {
    let last = 0;
    EMOJI_RE.lastIndex = 0;
    for (let m = EMOJI_RE.exec(text); m; m = EMOJI_RE.exec(text)) {
      if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
      pieces.push({ text: m[0], emoji: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) pieces.push({ text: text.slice(last) });
  };
  let at = 0;
  for (const span of findProtectedSpans(body, protectTerms)) {
    if (span.start > at) pushFree(body.slice(at, span.start));
    pieces.push({ text: span.text, locked: true });
    at = span.end;
  }
  if (at < body.length) pushFree(body.slice(at));
  return pieces;
}

export function isOnlyLockedOrBlank(line: Line): boolean {
  return line.pieces.every((p) => p.locked || p.text.trim() === '');
}

export interface GeneratedText {
  text: string;
  changes: TextChange[];
}

export function assemble(lines: Line[]): GeneratedText {
  const changes: TextChange[] = [];
  let text = '';
  lines.forEach((line, k) => {
    if (k > 0) text += '\n';
    const lineStart = text.length;
    for (const piece of line.marker ? [line.marker, ...line.pieces] : line.pieces) {
      const start = text.length;
      text += piece.text;
      if (piece.change && piece.text.length > 0) {
        changes.push({
          start,
          end: text.length,
          kind: piece.change,
          ...(piece.original !== undefined ? { original: piece.original } : {}),
        });
      }
    }
    if (line.moved && text.length > lineStart) changes.push({ start: lineStart, end: text.length, kind: 'reorder' });
  });
  changes.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, changes };
}

import { ABSOLUTE_WORDS, findAbsoluteWords } from '@core/content/absolute-words';
import { compileLexicon, LEXICON } from './lexicon';
import {
  CLOSER_ACTIONS,
  CLOSER_LEADS,
  CLOSERS,
  EMOJI_GROUPS,
  OPENERS,
  SYMBOL_STYLES,
  TAIL_EMOJI,
  TAIL_PUNCTUATION,
} from './style';

const everyWord = (): string[] => [
  ...LEXICON.flatMap((e) => [...(e.words ?? []), ...(e.from ?? []), ...(e.to ?? [])]),
  ...OPENERS,
  ...CLOSERS,
  ...CLOSER_LEADS,
  ...CLOSER_ACTIONS,
  ...EMOJI_GROUPS.flat(),
  ...TAIL_EMOJI,
  ...SYMBOL_STYLES,
  ...Object.values(TAIL_PUNCTUATION).flat(),
];

describe('lexicon and style vocabulary', () => {
  it('contains no digit, so a swap can never add a number', () => {
    expect(everyWord().filter((w) => /\d/.test(w))).toEqual([]);
  });

  it('contains no advertising-law absolute word', () => {
    expect(everyWord().filter((w) => findAbsoluteWords(w).length > 0)).toEqual([]);
  });

  it('is substantially larger than the probe (~40 groups) and every entry offers an alternative', () => {
    expect(LEXICON.length).toBeGreaterThanOrEqual(120);
    const lex = compileLexicon();
    for (const entry of LEXICON) {
      for (const w of [...(entry.words ?? []), ...(entry.from ?? [])])
        expect(lex.bySource.get(w)?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('never narrows a general word to one trade: 试一试 (of tea or a coat) never becomes 试穿, 试穿 may become 试一试', () => {
    const lex = compileLexicon();
    const targets = (w: string) => (lex.bySource.get(w) ?? []).flatMap((t) => t.alternatives);
    expect(targets('试一试')).not.toContain('试穿');
    expect(targets('试穿')).toContain('试一试');
  });

  it('lists no word twice inside one group', () => {
    for (const entry of LEXICON) {
      const words = entry.words ?? [];
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it('exports one absolute-word list the editor can reuse', () => {
    expect(ABSOLUTE_WORDS).toEqual(
      expect.arrayContaining(['最', '第一', '顶级', '国家级', '极致', '唯一', '首个', '全网']),
    );
    expect(findAbsoluteWords('全网最低价，顶级品质')).toEqual(expect.arrayContaining(['全网', '最', '最低', '顶级']));
  });
});

import { analyseBody, findAbsoluteWords, FOLD_CHARS } from './fold-hints';

describe('fold-aware hints', () => {
  it('counts lines and characters, an emoji as one character', () => {
    expect(analyseBody('第一行\n第二行 ✨\n\n第四行')).toMatchObject({ lines: 4, chars: 3 + 5 + 3 });
  });

  it('flags copy over 6 lines or 100 characters as folded', () => {
    expect(analyseBody('一\n二\n三\n四\n五\n六').folded).toBe(false);
    expect(analyseBody('一\n二\n三\n四\n五\n六\n七').folded).toBe(true);
    expect(analyseBody('字'.repeat(FOLD_CHARS)).folded).toBe(false);
    expect(analyseBody('字'.repeat(FOLD_CHARS + 1)).folded).toBe(true);
  });

  it('lists absolute words once, the longer word instead of its part', () => {
    expect(findAbsoluteWords('全网最好的面霜，最适合你')).toEqual(expect.arrayContaining(['全网', '最好', '最']));
    expect(findAbsoluteWords('最好的面霜')).toEqual(['最好']);
    expect(findAbsoluteWords('温和不刺激')).toEqual([]);
  });
});

import { DepthTracker, paragraphsOf } from './reading-depth';
import { endInView } from './use-paragraphs-seen';

describe('reading depth', () => {
  it('splits the text into the paragraphs the page draws', () => {
    expect(paragraphsOf('第一段\n\n  第二段 \n\n第三段')).toEqual(['第一段', '第二段', '第三段']);
    expect(paragraphsOf('  \n')).toEqual([]);
  });

  it('keeps the deepest paragraph seen and weighs the share by characters', () => {
    const t = new DepthTracker([10, 30, 60]);
    expect(t.depth()).toBeUndefined();
    t.reach(1);
    expect(t.depth()).toEqual({ paragraph: 2, paragraphs: 3, ratio: 0.4 });
    // Scrolling back up does not make the reader shallower.
    t.reach(0);
    expect(t.depth()).toEqual({ paragraph: 2, paragraphs: 3, ratio: 0.4 });
    t.reach(2);
    expect(t.depth()).toEqual({ paragraph: 3, paragraphs: 3, ratio: 1 });
  });

  it('ignores paragraphs the post does not have', () => {
    const t = new DepthTracker([5]);
    t.reach(3);
    t.reach(-1);
    expect(t.depth()).toBeUndefined();
  });
});

describe('a paragraph counts as read when its end has been on screen', () => {
  it('all of it in view, or the bottom edge of a tall one', () => {
    expect(endInView({ intersectionRatio: 1 })).toBe(true);
    // Peeking in at the bottom of the screen: not read yet.
    expect(
      endInView({ intersectionRatio: 0.3, boundingClientRect: { bottom: 900 }, relativeRect: { bottom: 760 } }),
    ).toBe(false);
    // Taller than the screen, its end now inside it.
    expect(
      endInView({ intersectionRatio: 0.45, boundingClientRect: { bottom: 700 }, relativeRect: { bottom: 760 } }),
    ).toBe(true);
    expect(
      endInView({ intersectionRatio: 0, boundingClientRect: { bottom: -10 }, relativeRect: { bottom: 760 } }),
    ).toBe(false);
  });
});

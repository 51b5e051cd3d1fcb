import type { CustomerDoc, GuideDoc } from '@server/data/users';
import { guideFromReferrer, leastLoadedGuide } from './assign-guide';

const guide = (id: string, over: Partial<GuideDoc> = {}): GuideDoc => ({
  _id: id,
  role: 'guide',
  name: id,
  storeId: 'sto_first1',
  active: true,
  createdAt: 1,
  ...over,
});
const member = (id: string, guideOpenid?: string): CustomerDoc => ({
  _id: id,
  role: 'customer',
  name: id,
  createdAt: 1,
  ...(guideOpenid ? { guideOpenid } : {}),
});

describe('guideFromReferrer', () => {
  it('binds to the referrer when the referrer is an active guide', () => {
    const g = guide('o_guide_a');
    expect(guideFromReferrer(g, null)).toBe(g);
  });

  it("binds to the referring member's guide", () => {
    const g = guide('o_guide_a');
    expect(guideFromReferrer(member('o_mem_1', 'o_guide_a'), g)).toBe(g);
  });

  it('binds to nobody through a guide who has left, directly or through a member', () => {
    const gone = guide('o_guide_a', { active: false });
    expect(guideFromReferrer(gone, null)).toBeNull();
    expect(guideFromReferrer(member('o_mem_1', 'o_guide_a'), gone)).toBeNull();
  });

  it("ignores a guide that is not the member's own", () => {
    expect(guideFromReferrer(member('o_mem_1', 'o_guide_a'), guide('o_guide_b'))).toBeNull();
  });

  it('has no answer without a referrer', () => {
    expect(guideFromReferrer(null, null)).toBeNull();
  });
});

describe('leastLoadedGuide', () => {
  it('picks the active guide with the fewest customers', () => {
    const pick = leastLoadedGuide([
      { guide: guide('o_a'), customers: 5 },
      { guide: guide('o_b', { active: false }), customers: 0 },
      { guide: guide('o_c'), customers: 2 },
      { guide: guide('o_d'), customers: 3 },
    ]);
    expect(pick?._id).toBe('o_c');
  });

  it('breaks a tie by the guide who joined first, then by openid', () => {
    expect(
      leastLoadedGuide([
        { guide: guide('o_b', { createdAt: 9 }), customers: 1 },
        { guide: guide('o_a', { createdAt: 5 }), customers: 1 },
      ])?._id,
    ).toBe('o_a');
    expect(
      leastLoadedGuide([
        { guide: guide('o_z'), customers: 0 },
        { guide: guide('o_y'), customers: 0 },
      ])?._id,
    ).toBe('o_y');
  });

  it('finds nobody when there is no active guide', () => {
    expect(leastLoadedGuide([])).toBeNull();
    expect(leastLoadedGuide([{ guide: guide('o_a', { active: false }), customers: 0 }])).toBeNull();
  });
});

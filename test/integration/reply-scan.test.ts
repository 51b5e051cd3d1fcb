import { foreignOpenids, type ScanContext } from '../support/reply-scan';

const users = [
  { _id: 'o_guide_a', role: 'guide' },
  { _id: 'o_guide_b', role: 'guide' },
  { _id: 'o_member_1', role: 'customer', guideOpenid: 'o_guide_a' },
  { _id: 'o_member_2', role: 'customer', guideOpenid: 'o_guide_b' },
];
const ctx = (call: string, caller: string | undefined): ScanContext => ({ call, caller, users, hq: ['o_hq_admin'] });

describe('the reply scan', () => {
  it("finds another person's openid as a value, inside a longer string, and deep in a list", () => {
    const reply = {
      ok: true,
      data: {
        sharer: 'o_guide_a',
        entries: [{ id: 'ref-join:o_member_2' }],
        images: [{ url: 'http://127.0.0.1/files/variants/pst_1/r1/o_guide_b/1.jpg' }],
      },
    };
    expect(foreignOpenids(reply, ctx('insight.recordVisit', 'o_member_1'))).toEqual([
      'data.sharer: guide o_guide_a',
      'data.entries[0].id: customer o_member_2',
      'data.images[0].url: guide o_guide_b',
    ]);
  });

  it('finds an HQ openid, and any known openid in a reply to a caller without one', () => {
    expect(foreignOpenids({ by: 'o_hq_admin' }, ctx('content.feed', 'o_guide_a'))).toEqual(['by: hq o_hq_admin']);
    expect(foreignOpenids({ x: ['o_member_1'] }, ctx('insight.recordVisit', undefined))).toEqual([
      'x[0]: customer o_member_1',
    ]);
  });

  it('lets HQ see anyone, a guide their own customers, and anyone their own openid', () => {
    expect(foreignOpenids({ a: 'o_member_2', b: 'o_guide_b' }, ctx('insight.referralGraph', 'o_hq_admin'))).toEqual([]);
    expect(foreignOpenids({ customers: [{ openid: 'o_member_1' }] }, ctx('insight.myCustomers', 'o_guide_a'))).toEqual(
      [],
    );
    expect(foreignOpenids({ customers: [{ openid: 'o_member_2' }] }, ctx('insight.myCustomers', 'o_guide_a'))).toEqual([
      'customers[0].openid: customer o_member_2',
    ]);
    expect(foreignOpenids({ openid: 'o_member_1' }, ctx('account.whoami', 'o_member_1'))).toEqual([]);
  });

  it("allows a member's own guide only as guideOpenid in whoami and registerMember", () => {
    expect(foreignOpenids({ guideOpenid: 'o_guide_a' }, ctx('account.whoami', 'o_member_1'))).toEqual([]);
    expect(foreignOpenids({ guideOpenid: 'o_guide_a' }, ctx('account.registerMember', 'o_member_1'))).toEqual([]);
    expect(foreignOpenids({ guideOpenid: 'o_guide_b' }, ctx('account.whoami', 'o_member_1'))).toEqual([
      'guideOpenid: guide o_guide_b',
    ]);
    expect(foreignOpenids({ guide: 'o_guide_a' }, ctx('account.whoami', 'o_member_1'))).toEqual([
      'guide: guide o_guide_a',
    ]);
    expect(foreignOpenids({ guideOpenid: 'o_guide_a' }, ctx('insight.myInvites', 'o_member_1'))).toEqual([
      'guideOpenid: guide o_guide_a',
    ]);
  });

  it('ignores strings that only look like ids', () => {
    expect(foreignOpenids({ id: 'pst_abcdef', title: '春日焕新 o_guide' }, ctx('content.feed', 'o_guide_a'))).toEqual(
      [],
    );
  });
});

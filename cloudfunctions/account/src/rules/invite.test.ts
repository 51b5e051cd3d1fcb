import type { InviteDoc } from '../documents';
import { INVITE_TTL_MS, inviteProblem } from './invite';

const invite = (over: Partial<InviteDoc> = {}): InviteDoc => ({
  _id: 'ABCDEFGH',
  storeId: 'sto_first1',
  role: 'guide',
  createdAt: 0,
  expiresAt: INVITE_TTL_MS,
  createdBy: 'o_hq_1',
  ...over,
});

describe('inviteProblem', () => {
  it('accepts an unused invite until the moment it expires', () => {
    expect(inviteProblem(invite(), INVITE_TTL_MS - 1)).toBeNull();
    expect(inviteProblem(invite(), INVITE_TTL_MS)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '邀请码已过期，请联系总部重新获取',
    });
  });

  it('refuses a used invite and an unknown one', () => {
    expect(inviteProblem(invite({ usedBy: 'o_g', usedAt: 1 }), 1)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '邀请码已被使用',
    });
    expect(inviteProblem(null, 1)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lasts seven days', () => {
    expect(INVITE_TTL_MS).toBe(7 * 24 * 3600 * 1000);
  });
});

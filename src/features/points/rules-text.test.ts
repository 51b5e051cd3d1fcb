import { DEFAULT_POINTS_RULES } from '@core/contracts/points';
import { rulesSections } from './rules-text';

const text = (r: Parameters<typeof rulesSections>[0]) =>
  rulesSections(r)
    .flatMap((s) => [s.title, ...s.lines])
    .join('\n');

/** Rules with every reward, cap and expiry set. */
const SET = {
  ...DEFAULT_POINTS_RULES,
  memberWelcome: 20,
  referralJoined: 100,
  referralFirstRedeem: 50,
  dailyCap: 300,
  monthlyCap: 2000,
  expiryDays: 365,
};

describe('rules text', () => {
  it('states every reward, cap and expiry with the numbers HQ set', () => {
    const t = text(SET);
    expect(t).toContain('获得 20 积分');
    expect(t).toContain('你获得 100 积分');
    expect(t).toContain('再获得 50 积分');
    expect(t).toContain('每天通过邀请获得的积分最多 300 分');
    expect(t).toContain('每月通过邀请获得的积分最多 2000 分');
    expect(t).toContain('365 天后当天 24:00');
  });

  it('always says sharing, opening a share and Moments earn nothing, and that nothing is random', () => {
    const t = text(DEFAULT_POINTS_RULES);
    expect(t).toContain('分享、转发小程序页面不获得积分');
    expect(t).toContain('好友仅打开你分享的页面');
    expect(t).toContain('分享到朋友圈不获得任何积分');
    expect(t).toContain('没有抽奖、随机或额外奖励');
  });

  it('says when a reward is off, caps are absent and points never expire', () => {
    const t = text(DEFAULT_POINTS_RULES);
    expect(t).toContain('邀请好友入会：当前不赠送积分');
    expect(t).toContain('不设每日、每月上限');
    expect(t).toContain('积分长期有效');
  });
});

describe('rules text follows the live rules', () => {
  const base = SET;
  // Every rule HQ can set (points.setRules), each changed to a value no other field holds.
  const changes: [keyof typeof base, number | null][] = [
    ['memberWelcome', 21],
    ['referralJoined', 101],
    ['referralFirstRedeem', 51],
    ['dailyCap', 301],
    ['monthlyCap', 2001],
    ['expiryDays', 366],
  ];

  it.each(changes)('restates %s when HQ changes it', (field, value) => {
    const changed = text({ ...base, [field]: value });
    expect(changed).not.toBe(text(base));
    expect(changed).toContain(String(value));
  });

  it('says that deleting member data forfeits points and unused coupons', () => {
    expect(text(base)).toContain('剩余积分清零、未使用的券作废');
  });
});

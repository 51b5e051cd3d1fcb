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

/** What the members' rules page must say, for the rules it is drawn from. */
const STATEMENTS: [string, Parameters<typeof rulesSections>[0], string[]][] = [
  [
    'states every reward, cap and expiry with the numbers HQ set',
    SET,
    [
      '获得 20 积分',
      '你获得 100 积分',
      '再获得 50 积分',
      '每天通过邀请获得的积分最多 300 分',
      '每月通过邀请获得的积分最多 2000 分',
      '365 天后当天 24:00',
    ],
  ],
  [
    'always says sharing, opening a share and Moments earn nothing, and that nothing is random',
    DEFAULT_POINTS_RULES,
    [
      '分享、转发小程序页面不获得积分',
      '并在打开后 7 天内注册成为会员，才算你邀请的好友',
      '好友在朋友圈单页模式中浏览（未登录）不计为打开',
      '好友仅打开你分享的页面',
      '分享到朋友圈不获得任何积分',
      '没有抽奖、随机或额外奖励',
    ],
  ],
  [
    'says when a reward is off, caps are absent and points never expire',
    DEFAULT_POINTS_RULES,
    ['邀请好友入会：当前不赠送积分', '不设每日、每月上限', '积分长期有效'],
  ],
];

describe('rules text', () => {
  it.each(STATEMENTS)('%s', (_behaviour, rules, phrases) => {
    const shown = text(rules);
    for (const phrase of phrases) expect(shown).toContain(phrase);
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

import { REFERRAL_RULES } from '@core/contracts/member-terms';
import type { PointsRules } from './api';

export interface RulesSection {
  title: string;
  lines: string[];
}

/**
 * The rules in full, as members read them. WeChat's platform rules (《微信小程序平台运营规范》 5.1)
 * require reward rules to be stated completely and forbid rewards for sharing, for a friend merely
 * opening a share and for sharing to Moments, and random rewards; every number here comes from
 * HQ's current rules, so the page never promises what the server would not do.
 */
export function rulesSections(r: PointsRules, pointsName = '积分'): RulesSection[] {
  return namedPoints(baseSections(r), pointsName);
}

/** The rules in the brand's own word for points (brand settings), e.g. 茶豆 for 积分. */
function namedPoints(sections: RulesSection[], pointsName: string): RulesSection[] {
  if (pointsName === '积分') return sections;
  const rename = (s: string) => s.replaceAll('积分', pointsName);
  return sections.map((s) => ({ title: rename(s.title), lines: s.lines.map(rename) }));
}

function baseSections(r: PointsRules): RulesSection[] {
  const earn: string[] = [];
  earn.push(
    r.memberWelcome > 0 ? `注册成为会员：获得 ${r.memberWelcome} 积分，每人仅一次。` : '注册成为会员：当前不赠送积分。',
  );
  earn.push(
    r.referralJoined > 0
      ? `邀请好友入会：好友通过你分享的页面注册成为会员后，你获得 ${r.referralJoined} 积分。每位好友只计一次。`
      : '邀请好友入会：当前不赠送积分。',
  );
  earn.push(
    r.referralFirstRedeem > 0
      ? `好友首次兑换：你邀请入会的好友第一次在积分商城兑换后，你再获得 ${r.referralFirstRedeem} 积分。每位好友只计一次。`
      : '好友首次兑换：当前不赠送积分。',
  );
  if (r.purchasePerYuan > 0) {
    const min = r.purchaseMinFen > 0 ? `单笔消费满 ${r.purchaseMinFen / 100} 元起计，` : '';
    earn.push(
      `到店消费：结账时出示会员码，由导购按实付金额发放，${min}每 1 元获得 ${r.purchasePerYuan} 积分（不足 1 元的部分不计）。`,
    );
  }
  if (r.referralFirstPurchase > 0) {
    earn.push(
      `好友首次到店消费：你邀请入会的好友第一次到店消费并获得积分后，你再获得 ${r.referralFirstPurchase} 积分。每位好友只计一次。`,
    );
  }
  earn.push('积分数额固定，按以上规则发放，没有抽奖、随机或额外奖励。');

  const never = [
    '分享、转发小程序页面不获得积分。',
    '好友仅打开你分享的页面、未注册成为会员的，不获得积分。',
    '分享到朋友圈不获得任何积分或奖励。',
    '门店导购邀请顾客不计积分；自己邀请自己不计积分。',
  ];

  const caps: string[] = [];
  if (r.dailyCap !== null) caps.push(`每天通过邀请获得的积分最多 ${r.dailyCap} 分（按北京时间自然日计算）。`);
  if (r.monthlyCap !== null) caps.push(`每月通过邀请获得的积分最多 ${r.monthlyCap} 分（按北京时间自然月计算）。`);
  if (r.purchaseMemberDailyCap !== null && r.purchasePerYuan > 0) {
    caps.push(`每天通过到店消费获得的积分最多 ${r.purchaseMemberDailyCap} 分，超出时该笔消费不计积分。`);
  }
  if (caps.length > 0) caps.push('达到上限后，超出部分不再发放，也不会顺延或补发；积分明细中会标注“已达上限”。');
  else caps.push('邀请奖励目前不设每日、每月上限。');

  const validity =
    r.expiryDays > 0
      ? [
          `积分自获得当天起算，${r.expiryDays} 天后当天 24:00（北京时间）过期。`,
          '使用积分时，先获得的积分先使用；到期未使用的积分自动清零，并在积分明细中记录。',
        ]
      : ['积分长期有效。'];

  const use = [
    '积分可在积分商城兑换优惠券或礼品，兑换成功即时扣除相应积分；积分不可提现、不可转让。',
    '兑换的优惠券、礼品券在有效期内到店出示二维码，由门店导购核销；每张券只能使用一次，过期作废。',
    '因系统错误或违规获得的积分，总部可以冲正（扣回），冲正记录在积分明细中可查。',
    '注销并删除会员数据时，剩余积分清零、未使用的券作废，且不可恢复；之后重新注册从零开始，不再获得新会员积分。',
  ];

  return [
    { title: '一、如何获得积分', lines: earn },
    // The rule the server applies when a friend registers through a share.
    { title: '二、谁算你邀请的好友', lines: [...REFERRAL_RULES] },
    { title: '三、以下行为不获得积分', lines: never },
    { title: '四、获取上限', lines: caps },
    { title: '五、有效期', lines: validity },
    { title: '六、使用说明', lines: use },
  ];
}

/**
 * The rules in brief for the join page: what earns points (with HQ's current numbers), what never
 * does, when a share counts as an invitation, and how long points last. The full text stays one tap away.
 */
export function rulesSummary(r: PointsRules, pointsName?: string): string[] {
  const [earn, invited, never, caps, validity] = rulesSections(r, pointsName);
  return [
    ...(earn?.lines.slice(0, 3) ?? []),
    invited?.lines[0] ?? '',
    never?.lines[0] ?? '',
    caps?.lines[0] ?? '',
    validity?.lines[0] ?? '',
  ].filter((line) => line.length > 0);
}

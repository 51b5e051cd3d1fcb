/**
 * The local stand-in for WeChat's content-security model: `security.msgSecCheck` looks up these
 * words (case-insensitive substring match). Labels are WeChat's v2 labels. `suggest` is what a hit
 * answers: `risky` blocks publishing, `review` asks a human. Edit this one list to change what the
 * local cloud flags; production decides with WeChat's own model.
 */
export const LABELS = {
  normal: 100,
  advertising: 10001,
  politics: 20001,
  porn: 20002,
  abuse: 20003,
  crime: 20006,
  fraud: 20008,
  vulgar: 20012,
  other: 21000,
} as const;

export interface WordGroup {
  label: (typeof LABELS)[keyof typeof LABELS];
  suggest: 'risky' | 'review';
  words: readonly string[];
}

export const SENSITIVE_WORDS: readonly WordGroup[] = [
  {
    // Advertising fraud and traffic diversion, the usual reason a retail post is refused.
    label: LABELS.advertising,
    suggest: 'risky',
    words: [
      '加微信领',
      '加v领取',
      '代开发票',
      '刷单',
      '兼职日结',
      '日赚千元',
      '稳赚不赔',
      '躺赚',
      '高额返利',
      '保本高收益',
      '免费送iphone',
      '点击领取红包',
      '私信领取现金',
      'free money',
    ],
  },
  {
    // Claims the advertising law forbids; WeChat tends to send these to review rather than refuse.
    label: LABELS.advertising,
    suggest: 'review',
    words: ['国家级产品', '全网最低价', '100%有效', '无效退款', '根治'],
  },
  {
    label: LABELS.fraud,
    suggest: 'risky',
    words: ['中奖汇款', '验证码发我', '转账到安全账户', '刷单返利', '冒充客服退款'],
  },
  { label: LABELS.porn, suggest: 'risky', words: ['色情', '裸聊', '约炮', 'porn'] },
  { label: LABELS.abuse, suggest: 'risky', words: ['傻逼', '操你妈', '去死吧', 'fuck'] },
  { label: LABELS.crime, suggest: 'risky', words: ['毒品', '赌博', '网络博彩', '枪支出售', '代孕'] },
  { label: LABELS.vulgar, suggest: 'review', words: ['屌丝', '卧槽'] },
];

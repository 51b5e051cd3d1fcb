import { extractNumbers, findProtectedSpans } from './protect';

const spans = (text: string, terms: string[] = []): string[] => findProtectedSpans(text, terms).map((s) => s.text);

describe('findProtectedSpans', () => {
  it('keeps prices whole in every common form', () => {
    const found = spans('到手价¥99，日常99元，散装99.9元/件，旗舰款￥1,299起');
    expect(found).toEqual(expect.arrayContaining(['¥99', '99元', '99.9元/件', '￥1,299起']));
  });

  it('keeps numbers with their units', () => {
    const found = spans('500ml 装，3件更省，全场5折，会员8.8折，立省30%');
    expect(found).toEqual(expect.arrayContaining(['500ml', '3件', '5折', '8.8折', '30%']));
  });

  it('keeps dates, weekdays and whole ranges', () => {
    const found = spans('11月25日开抢，11.25-11.30 全场，2026-11-25 截止，周五加场，营业10:00-22:00，3月8日-3月15日');
    expect(found).toEqual(
      expect.arrayContaining(['11月25日', '11.25-11.30', '2026-11-25', '周五', '10:00-22:00', '3月8日-3月15日']),
    );
  });

  it("keeps links, topics, titles and the post's own terms", () => {
    const text = '戳 https://m.example.com/p/618?from=guide 看【会员日】#女神节# 雅诗兰黛小棕瓶';
    const found = spans(text, ['雅诗兰黛', '小棕瓶']);
    expect(found).toEqual(
      expect.arrayContaining([
        'https://m.example.com/p/618?from=guide',
        '【会员日】',
        '#女神节#',
        '雅诗兰黛',
        '小棕瓶',
      ]),
    );
  });

  it('keeps Latin product names and model numbers', () => {
    const found = spans('iPhone 15 Pro 到店，SK-II 神仙水，型号A2894');
    expect(found).toEqual(expect.arrayContaining(['iPhone 15 Pro', 'SK-II', 'A2894']));
    expect(spans('【会员日】#女神节#')).toEqual(['【会员日】', '#女神节#']);
  });

  it('never leaves a digit outside a span', () => {
    const text = '满299减50，买2送1，晚上8点后折上折，电话13812345678，3公里内30分钟送达';
    const covered = new Array(text.length).fill(false);
    for (const s of findProtectedSpans(text)) for (let i = s.start; i < s.end; i++) covered[i] = true;
    [...text].forEach((ch, i) => {
      if (/\d/.test(ch)) expect(covered[i]).toBe(true);
    });
  });
});

describe('extractNumbers', () => {
  it('reads circled digits as numbers and ignores thousands separators', () => {
    expect(extractNumbers('① ￥1,299 和 8.8折')).toEqual(['1', '1299', '8.8']);
  });
});

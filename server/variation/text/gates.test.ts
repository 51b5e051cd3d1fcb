import { checkTextGates } from './gates';

const original = '会员价¥599（原价¥780），活动时间：3月8日-3月15日，数量有限，姐妹们快来找我！#女神节#';

describe('checkTextGates', () => {
  it('passes a faithful rewrite', () => {
    const variant = '会员价¥599（日常价¥780），活动时间：3月8日-3月15日，库存有限，宝子们快来找我！#女神节#';
    const r = checkTextGates(original, variant);
    expect(r.failures).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('fails when a protected span is lost or altered', () => {
    const r = checkTextGates(original, original.replace('3月8日-3月15日', '3月8日起'));
    expect(r.ok).toBe(false);
    expect(r.metrics.missingSpans).toContain('3月8日-3月15日');
  });

  it('fails when a protected term disappears', () => {
    const r = checkTextGates('雅诗兰黛小棕瓶到店啦，快来试试', '小棕瓶到店啦，快来试试', ['雅诗兰黛']);
    expect(r.ok).toBe(false);
    expect(r.metrics.missingSpans).toContain('雅诗兰黛');
  });

  it('fails on a new number', () => {
    const r = checkTextGates(original, `${original}，限量2份`);
    expect(r.metrics.newNumbers).toEqual(['2']);
    expect(r.ok).toBe(false);
  });

  it('fails on a new absolute word but tolerates one already in the original', () => {
    expect(checkTextGates(original, original.replace('数量有限', '全网最低')).metrics.newAbsoluteWords).toEqual(
      expect.arrayContaining(['最', '最低', '全网']),
    );
    const withWord = '本店最受欢迎的款式，快来看看吧';
    expect(checkTextGates(withWord, '本店最受欢迎的款式，快来瞧瞧吧').ok).toBe(true);
  });

  it('fails outside the length window and below the similarity floor', () => {
    expect(checkTextGates(original, original.slice(0, Math.floor(original.length * 0.9))).ok).toBe(false);
    const long = `${original}有需要的随时找我哦有需要的随时找我哦`;
    expect(checkTextGates(original, long).failures.join()).toMatch(/length change/);
    const r = checkTextGates('今天天气不错适合出门逛街买买买', '明日阴雨绵绵只宜在家读书写字');
    expect(r.failures.join()).toMatch(/similarity/);
  });
});

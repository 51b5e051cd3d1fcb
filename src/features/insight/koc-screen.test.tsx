import { fireEvent, render, screen } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { KocScreen } from './koc-screen';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

describe('KOC page', () => {
  it('shows the membership KOCs, and the content KOCs on their tab', async () => {
    const { calls } = installFakeBridge({
      'insight.kocList': () => ({
        rows: [{ openid: 'o_c1', name: '小满', direct: 2, downstream: 5, downstreamRedemptions: 1 }],
      }),
      'insight.contentKocs': () => ({
        rows: [
          { openid: 'o_g1', name: '林导购', role: 'guide', shares: 3, opens: 12, reshares: 2, joins: 1 },
          {
            openid: 'o_c2',
            name: '阿青',
            role: 'customer',
            guideName: '林导购',
            shares: 1,
            opens: 4,
            reshares: 1,
            joins: 0,
          },
        ],
      }),
    });
    render(<KocScreen />);
    expect((await screen.findByTestId('koc-row')).textContent).toContain('直接推荐 2 · 下游会员 5');
    expect(calls.some((c) => c.action === 'contentKocs')).toBe(false);

    fireEvent.click(screen.getByText('内容传播'));
    const rows = await screen.findAllByTestId('content-koc-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '1林导购 · 导购分享 3 · 打开 12 · 被转发 2 · 带来入会 1',
      '2阿青 · 会员分享 1 · 打开 4 · 被转发 1 · 带来入会 0 · 导购 林导购',
    ]);
  });

  it('says when nobody has shared a post yet', async () => {
    installFakeBridge({ 'insight.kocList': () => ({ rows: [] }), 'insight.contentKocs': () => ({ rows: [] }) });
    render(<KocScreen />);
    expect(await screen.findByText('还没有会员推荐过新会员')).toBeTruthy();
    fireEvent.click(screen.getByText('内容传播'));
    expect(await screen.findByText('还没有人分享过内容')).toBeTruthy();
  });
});

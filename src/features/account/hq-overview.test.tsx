import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { HqOverview } from './hq-overview';

const stores = [
  {
    id: 'sto_shanghai1',
    name: '山茶生活·上海静安店',
    city: '上海',
    address: '南京西路 1266 号',
    guides: 2,
    customers: 9,
  },
  { id: 'sto_hangzhou1', name: '山茶生活·杭州湖滨店', city: '杭州', guides: 1, customers: 4 },
];
const guides = [
  { openid: 'o_demo_guide_1', name: '林小满', storeId: 'sto_shanghai1', active: true, customers: 6 },
  { openid: 'o_demo_guide_2', name: '周一禾', storeId: 'sto_shanghai1', active: false, customers: 3 },
  { openid: 'o_demo_guide_3', name: '陈若溪', storeId: 'sto_hangzhou1', active: true, customers: 4 },
];

/** The figure a stat card shows, found by its label (labels repeat as section titles). */
function statFigure(label: string): string | null | undefined {
  const card = Array.from(document.querySelectorAll('.stat-card')).find(
    (c) => c.querySelector('.stat-card__label')?.textContent === label,
  );
  return card?.querySelector('.stat-card__number')?.textContent;
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

describe('HQ console home', () => {
  it('shows the chain totals, each store with its counts and each guide with their store', async () => {
    const { calls } = installFakeBridge({
      'account.whoami': (_i, openid) => ({ openid, role: 'hq', name: '总部小山' }),
      'account.listStores': () => ({ stores }),
      'account.listGuides': () => ({ guides }),
      'content.notices': () => ({
        notices: [
          {
            id: 'withdrawn:pst_abcdefgh1',
            kind: 'withdrawn',
            postId: 'pst_abcdefgh1',
            title: '春日焕新',
            reason: '第 1 张图片未通过内容安全检测：疑似色情内容',
            createdAt: Date.now(),
            read: false,
          },
        ],
        unread: 1,
      }),
    });

    render(<HqOverview />);

    expect(await screen.findByText('总部小山')).toBeTruthy();
    // A post withdrawn after a re-check is announced above everything else.
    expect(await screen.findByText('有 1 条内容被撤回')).toBeTruthy();
    // 3 guides of whom one has left; 9 + 4 members.
    expect(statFigure('门店')).toBe('2');
    expect(statFigure('在职导购')).toBe('2');
    expect(statFigure('会员')).toBe('13');

    const storeRows = screen.getAllByTestId('store-row');
    expect(storeRows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('导购 2 · 会员 9'),
      expect.stringContaining('导购 1 · 会员 4'),
    ]);
    const guideRows = screen.getAllByTestId('guide-row');
    expect(guideRows).toHaveLength(3);
    expect(within(guideRows[1]!).getByText('山茶生活·上海静安店')).toBeTruthy();
    expect(within(guideRows[1]!).getByText('已离职')).toBeTruthy();
    expect(within(guideRows[2]!).queryByText('已离职')).toBeNull();
    expect(calls.every((c) => c.openid === 'o_demo_hq')).toBe(true);
  });

  it('says so when the chain has no stores or guides yet', async () => {
    installFakeBridge({
      'account.whoami': (_i, openid) => ({ openid, role: 'hq', name: '总部' }),
      'account.listStores': () => ({ stores: [] }),
      'account.listGuides': () => ({ guides: [] }),
      'content.notices': () => ({ notices: [], unread: 0 }),
    });
    render(<HqOverview />);
    expect(await screen.findByText('还没有门店')).toBeTruthy();
    expect(screen.getByText('还没有导购')).toBeTruthy();
  });

  it('shows the server message on failure and loads everything again on retry', async () => {
    let denied = true;
    installFakeBridge({
      'account.whoami': (_i, openid) => ({ openid, role: 'hq', name: '总部小山' }),
      'account.listStores': () => {
        if (denied) throw new BridgeFailure('PERMISSION_DENIED', '只有总部可以查看门店');
        return { stores };
      },
      'account.listGuides': () => ({ guides }),
      'content.notices': () => ({ notices: [], unread: 0 }),
    });

    render(<HqOverview />);

    expect(await screen.findByText('只有总部可以查看门店')).toBeTruthy();
    denied = false;
    act(() => {
      fireEvent.click(screen.getByText('重试'));
    });
    expect(await screen.findAllByTestId('store-row')).toHaveLength(2);
    expect(screen.queryByText('只有总部可以查看门店')).toBeNull();
  });
});

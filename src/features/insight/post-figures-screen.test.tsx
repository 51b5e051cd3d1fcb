import { fireEvent, render, screen } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { RecentPostsScreen } from './post-figures-screen';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

const figures = (postId: string, opens: number) => ({
  postId,
  title: `素材${opens}`,
  opens,
  readers: 2,
  readSeconds: 90,
  avgSeconds: 45,
  avgDepth: 0.5,
  copies: 3,
  saves: 1,
  joins: 1,
  purchases: 1,
  purchaseFen: 12_800,
});

describe('recent posts', () => {
  it("lists the brand's posts, and a store's when its chip is picked", async () => {
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [{ id: 'sto_aaaaaaaa', name: '静安店', guides: 1, customers: 2 }] }),
      'insight.recentPosts': (input) => ({
        rows: [figures('pst_aaaaaaaa', input.storeId ? 4 : 9)],
      }),
    });
    render(<RecentPostsScreen />);
    expect((await screen.findByTestId('post-figures-row')).textContent).toContain('打开 9 · 读者 2 · 均读 45秒');
    fireEvent.click(await screen.findByText('静安店'));
    expect(await screen.findByText('素材4')).toBeTruthy();
    const asked = calls.filter((c) => c.action === 'recentPosts').map((c) => c.input);
    expect(asked).toEqual([{ limit: 20 }, { limit: 20, storeId: 'sto_aaaaaaaa' }]);
  });

  it('says when nothing was published yet', async () => {
    installFakeBridge({
      'account.listStores': () => ({ stores: [] }),
      'insight.recentPosts': () => ({ rows: [] }),
    });
    render(<RecentPostsScreen />);
    expect(await screen.findByText('还没有发布的素材')).toBeTruthy();
  });
});

import { render, screen } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { DEFAULT_POINTS_RULES } from '@core/contracts/points';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { InvitesScreen } from './invites-screen';

const RULES = { ...DEFAULT_POINTS_RULES, referralJoined: 100, referralFirstRedeem: 50, version: 2 };
const NOW = Date.now();

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_cust_01');
});

describe('my invited friends', () => {
  it("lists each friend's stage and the points it earned, the total, and the rules beside them", async () => {
    installFakeBridge({
      'insight.myInvites': () => ({
        friends: [
          {
            name: '小满',
            stage: 'redeemed',
            openedAt: NOW - 5000,
            joinedAt: NOW - 4000,
            redeemedAt: NOW - 1000,
            points: 150,
          },
          { name: '阿青', stage: 'joined', openedAt: NOW - 9000, joinedAt: NOW - 8000, points: 100 },
          { stage: 'opened', openedAt: NOW - 3000, points: 0 },
        ],
        opens: 1,
        points: 250,
      }),
      'points.rules': () => RULES,
    });
    render(<InvitesScreen />);
    const rows = await screen.findAllByTestId('invite-friend');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^小小满已首兑 刚刚\+150 积分$/),
      expect.stringMatching(/^阿阿青已入会 刚刚\+100 积分$/),
      expect.stringMatching(/^友未注册的朋友已打开 刚刚0 积分$/),
    ]);
    expect(screen.getByTestId('invites-total').textContent).toBe('250邀请获得的积分 · 2 位好友入会 · 1 次打开未注册');
    const rules = screen.getByTestId('invites-rules').textContent ?? '';
    expect(await screen.findByText(/你获得 100 积分/)).toBeTruthy();
    expect(screen.getByTestId('invites-rules').textContent).toContain('再获得 50 积分');
    expect(rules).toContain('分享这一行为本身不获得任何奖励');
    expect(screen.getByTestId('invites-rules').textContent).toContain('分享、转发小程序页面不获得积分');
    expect(screen.getByTestId('invites-rules').textContent).toContain(
      '并在打开后 7 天内注册成为会员，才算你邀请的好友',
    );
  });

  it('says how to invite when nobody came yet, and still states the rules', async () => {
    installFakeBridge({
      'insight.myInvites': () => ({ friends: [], opens: 0, points: 0 }),
      'points.rules': () => RULES,
    });
    render(<InvitesScreen />);
    expect(await screen.findByText('还没有好友通过你的分享加入')).toBeTruthy();
    expect(await screen.findByText(/你获得 100 积分/)).toBeTruthy();
  });

  it('shows the server refusal with a retry', async () => {
    installFakeBridge({
      'insight.myInvites': () => {
        throw new BridgeFailure('PERMISSION_DENIED', '只有会员可以查看邀请记录');
      },
      'points.rules': () => RULES,
    });
    render(<InvitesScreen />);
    expect(await screen.findByText('只有会员可以查看邀请记录')).toBeTruthy();
    expect(screen.getAllByText('重试').length).toBeGreaterThan(0);
  });
});

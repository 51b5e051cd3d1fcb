import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { CONSENT_REQUIRED, MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { DEFAULT_POINTS_RULES } from '@core/contracts/points';
import { JoinScreen } from './join-screen';
import { markShareVisited, readFirstShare, rememberShareToken } from '@/features/insight/share-token';
import { __setRouterParams } from '../../../test/mocks/taro';

const reLaunch = taroMock.reLaunch;
const RULES = { ...DEFAULT_POINTS_RULES, memberWelcome: 88, referralJoined: 30, version: 3 };

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_visitor_0a1b2c3d');
});

function typeInto(placeholder: string, value: string) {
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
}

const TOKEN = 'Ab3dEf9HjK2mN4pQ7';
const registered = (calls: { action: string; input: unknown }[]) =>
  calls.filter((c) => c.action === 'registerMember').map((c) => c.input);

describe('visitor join screen', () => {
  it('records the open of the share it came through, registers with its token and says it credited the sharer', async () => {
    rememberShareToken(TOKEN);
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => ({ visitId: 'vst_abcdef12', sharerName: '阿青' }),
      'account.registerMember': () => ({
        role: 'customer',
        guideOpenid: 'o_demo_guide_1',
        referral: 'credited',
        referrerName: '阿青',
      }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    expect(await screen.findByText(/你由 阿青 邀请而来/)).toBeTruthy();

    typeInto('怎么称呼你', ' 小满 ');
    fireEvent.click(screen.getByTestId('member-consent'));
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });

    expect(await screen.findByText('你是通过 阿青 的分享加入的，已记为 Ta 的邀请。')).toBeTruthy();
    expect(
      calls
        .filter((c) => c.fn !== 'points' && c.action !== 'whoami' && c.action !== 'brand')
        .map((c) => [c.action, c.input, c.openid]),
    ).toEqual([
      ['recordVisit', { shareToken: TOKEN }, 'o_visitor_0a1b2c3d'],
      [
        'registerMember',
        { name: '小满', shareToken: TOKEN, consent: { version: MEMBER_TERMS_VERSION } },
        'o_visitor_0a1b2c3d',
      ],
    ]);
    expect(readFirstShare()).toBeUndefined();
    expect(reLaunch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('进入会员中心'));
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/customer/index' });
  });

  it('takes the token from its own query and does not record a second open the visitor already made', async () => {
    __setRouterParams({ scene: encodeURIComponent(`t=${TOKEN}`) });
    rememberShareToken(TOKEN);
    markShareVisited(TOKEN, '林导购');
    const { calls } = installFakeBridge({
      'account.registerMember': () => ({ role: 'customer', referral: 'none' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    expect(screen.getByText(/你由 林导购 邀请而来/)).toBeTruthy();
    typeInto('怎么称呼你', '小满');
    fireEvent.click(screen.getByTestId('member-consent'));
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    // The server decided the share did not count: the member is told so, and why such a share would not.
    expect(
      await screen.findByText(/这次注册没有记为任何人的邀请：只有在注册前 7 天内亲自打开过的有效分享才算邀请/),
    ).toBeTruthy();
    expect(calls.some((c) => c.action === 'recordVisit')).toBe(false);
    expect(registered(calls)).toEqual([
      { name: '小满', shareToken: TOKEN, consent: { version: MEMBER_TERMS_VERSION } },
    ]);
  });

  it('registers without a token when the visitor came on their own, and still joins when a forged link fails', async () => {
    const { calls } = installFakeBridge({
      'account.registerMember': () => ({ role: 'customer', referral: 'none' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    expect(screen.queryByTestId('join-invited')).toBeNull();
    typeInto('怎么称呼你', '小满');
    fireEvent.click(screen.getByTestId('member-consent'));
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    expect(await screen.findByText('你是自己加入的，没有邀请人。')).toBeTruthy();
    expect(registered(calls)).toEqual([{ name: '小满', consent: { version: MEMBER_TERMS_VERSION } }]);
  });

  it('joins through a link the server does not know, crediting nobody', async () => {
    rememberShareToken(TOKEN);
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => {
        throw new BridgeFailure('NOT_FOUND', '分享链接已失效');
      },
      'account.registerMember': () => ({ role: 'customer', referral: 'none' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    typeInto('怎么称呼你', '小满');
    fireEvent.click(screen.getByTestId('member-consent'));
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    expect(await screen.findByText(/这次注册没有记为任何人的邀请/)).toBeTruthy();
    // The open was asked for (and refused); the registration went ahead with the token, crediting nobody.
    expect(calls.filter((c) => c.action === 'recordVisit').length).toBeGreaterThanOrEqual(1);
    expect(registered(calls)).toEqual([
      { name: '小满', shareToken: TOKEN, consent: { version: MEMBER_TERMS_VERSION } },
    ]);
  });

  it('sends somebody who is already a member to their home, keeping nothing of the invitation', async () => {
    __setRouterParams({ t: TOKEN });
    const { calls } = installFakeBridge({
      'account.whoami': () => ({ openid: 'o_visitor_0a1b2c3d', role: 'customer', name: '小满' }),
      'insight.recordVisit': () => ({ visitId: 'vst_abcdef12' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/customer/index' }));
    expect(calls.some((c) => c.action === 'registerMember')).toBe(false);
  });

  it('redeems a guide invite code and shows the server refusal in Chinese', async () => {
    installFakeBridge({
      'account.redeemInvite': () => {
        throw new BridgeFailure('FAILED_PRECONDITION', '邀请码已被使用');
      },
    });
    render(<JoinScreen />);
    fireEvent.click(screen.getByText('我是导购'));
    typeInto('怎么称呼你', '林小满');
    typeInto('总部发给你的 8 位邀请码', 'abcd2345');
    act(() => {
      fireEvent.click(screen.getByText('加入门店'));
    });
    expect(await screen.findByText('邀请码已被使用')).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('checks the form before calling the cloud', () => {
    const { calls } = installFakeBridge({});
    render(<JoinScreen />);
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    expect(screen.getByText('请填写你的称呼')).toBeTruthy();
    expect(calls.filter((c) => c.fn === 'account' && c.action !== 'whoami' && c.action !== 'brand')).toEqual([]);
  });
});

describe('member agreement and rules on the join page', () => {
  it('starts unticked and refuses to register until the box is ticked', async () => {
    const { calls } = installFakeBridge({
      'account.registerMember': () => ({ role: 'customer', referral: 'none' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    const box = screen.getByTestId('member-consent');
    expect(box.getAttribute('aria-checked')).toBe('false');
    typeInto('怎么称呼你', '小满');
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    expect(screen.getByText(CONSENT_REQUIRED)).toBeTruthy();
    expect(calls.filter((c) => c.action === 'registerMember')).toEqual([]);

    fireEvent.click(box);
    expect(box.getAttribute('aria-checked')).toBe('true');
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });
    await waitFor(() => expect(calls.filter((c) => c.action === 'registerMember')).toHaveLength(1));
  });

  it('summarises the live rules and links to the full rules and the privacy guide', async () => {
    installFakeBridge({ 'points.rules': () => RULES });
    render(<JoinScreen />);
    expect(await screen.findByText(/注册成为会员：获得 88 积分/)).toBeTruthy();
    expect(screen.getByText(/分享、转发小程序页面不获得积分/)).toBeTruthy();
    fireEvent.click(screen.getByText('查看完整积分规则 ›'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/points/rules/index' });
    fireEvent.click(screen.getByText('《隐私保护指引》'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/privacy/guide/index' });
    // Opening a text does not tick the box.
    expect(screen.getByTestId('member-consent').getAttribute('aria-checked')).toBe('false');
  });
});

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { CONSENT_REQUIRED, MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { DEFAULT_POINTS_RULES } from '@core/contracts/points';
import { JoinScreen } from './join-screen';
import { readReferrer, rememberReferrer } from './referrer';

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

describe('referrer from a share link', () => {
  it('keeps the first sharer and ignores later shares and malformed ids', () => {
    rememberReferrer({ ref: '$ne' });
    expect(readReferrer()).toBeUndefined();
    rememberReferrer({ ref: 'o_demo_cust_01' });
    rememberReferrer({ ref: 'o_demo_guide_2' });
    expect(readReferrer()).toBe('o_demo_cust_01');
  });
});

describe('visitor join screen', () => {
  it('registers a member crediting the friend who shared, then opens the member home', async () => {
    rememberReferrer({ ref: 'o_demo_cust_01' });
    const { calls } = installFakeBridge({
      'account.registerMember': () => ({ role: 'customer', guideOpenid: 'o_demo_guide_1' }),
      'points.rules': () => RULES,
    });
    render(<JoinScreen />);
    expect(screen.getByText(/你由好友邀请而来/)).toBeTruthy();

    typeInto('怎么称呼你', ' 小满 ');
    fireEvent.click(screen.getByTestId('member-consent'));
    act(() => {
      fireEvent.click(screen.getByText('注册会员'));
    });

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/customer/index' }));
    expect(calls.filter((c) => c.fn === 'account')).toEqual([
      {
        fn: 'account',
        action: 'registerMember',
        input: { name: '小满', referrer: 'o_demo_cust_01', consent: { version: MEMBER_TERMS_VERSION } },
        openid: 'o_visitor_0a1b2c3d',
      },
    ]);
    expect(readReferrer()).toBeUndefined();
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
    expect(calls.filter((c) => c.fn === 'account')).toEqual([]);
  });
});

describe('member agreement and rules on the join page', () => {
  it('starts unticked and refuses to register until the box is ticked', async () => {
    const { calls } = installFakeBridge({
      'account.registerMember': () => ({ role: 'customer' }),
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

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ReminderKind } from '@core/limits';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { ReminderOptIn } from './reminder-opt-in';

// The weapp build's dialog (WeChat's requestSubscribeMessage), not the H5 stand-in.
jest.mock('./subscribe', () => jest.requireActual('./subscribe.weapp'));

const TEMPLATES = { member: 'TPL_member_01', read: 'TPL_read_02', points: 'TPL_points_03', coupon: 'TPL_coupon_04' };
const zero = { post: 0, member: 0, read: 0, points: 0, coupon: 0 };

type Answer = Record<string, string>;
/** Lets pending replies land (a call that should not happen would have happened by then). */
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 20)));

const request = jest.fn((_o: { tmplIds: string[] }): Promise<Answer> => Promise.resolve({}));

function world(credits = { ...zero }) {
  return installFakeBridge({
    'insight.reminderSettings': () => ({ templates: TEMPLATES, credits }),
    'insight.subscribeReminders': (input) => {
      for (const k of input.kinds as ReminderKind[]) credits[k] += 1;
      return { credits };
    },
  });
}

beforeEach(() => {
  __resetTaroMock();
  (Taro as unknown as { requestSubscribeMessage: typeof request }).requestSubscribeMessage = request;
  request.mockReset();
  window.localStorage.clear();
  writeDevOpenid('o_demo_member');
});

describe('the reminder opt-in', () => {
  it.each([
    ['points', '积分到期提醒'],
    ['coupon', '券到期提醒'],
  ] as const)('asks WeChat for the %s template and stores one credit on acceptance', async (kind, name) => {
    const { calls } = world();
    request.mockImplementation((o) => Promise.resolve({ [o.tmplIds[0] ?? '']: 'accept', errMsg: 'ok' }));
    render(<ReminderOptIn kinds={[kind]} />);
    expect((await screen.findByTestId('reminder-opt-in')).textContent).toContain(name);
    fireEvent.click(screen.getByText('开启提醒'));
    await waitFor(() => expect(calls.some((c) => c.action === 'subscribeReminders')).toBe(true));
    expect(request).toHaveBeenCalledWith({ tmplIds: [TEMPLATES[kind]] });
    expect(calls.find((c) => c.action === 'subscribeReminders')?.input).toEqual({ kinds: [kind] });
    expect(await screen.findByText(/还可提醒 1 次/)).toBeTruthy();
  });

  it('stores only the kinds accepted when a guide is offered two at once', async () => {
    const { calls } = world();
    request.mockResolvedValue({ [TEMPLATES.member]: 'reject', [TEMPLATES.read]: 'accept' });
    render(<ReminderOptIn kinds={['member', 'read']} />);
    fireEvent.click(await screen.findByText('开启提醒'));
    await waitFor(() => expect(calls.some((c) => c.action === 'subscribeReminders')).toBe(true));
    expect(request).toHaveBeenCalledWith({ tmplIds: [TEMPLATES.member, TEMPLATES.read] });
    expect(calls.find((c) => c.action === 'subscribeReminders')?.input).toEqual({ kinds: ['read'] });
  });

  it('stores nothing when the member refuses', async () => {
    const { calls } = world();
    request.mockResolvedValue({ [TEMPLATES.points]: 'reject' });
    render(<ReminderOptIn kinds={['points']} />);
    fireEvent.click(await screen.findByText('开启提醒'));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    await settle();
    expect(calls.filter((c) => c.action === 'subscribeReminders')).toHaveLength(0);
    expect(screen.getByText('开启提醒')).toBeTruthy();
  });

  it('offers nothing for a kind HQ has not given a template id', async () => {
    installFakeBridge({ 'insight.reminderSettings': () => ({ templates: { post: 'TPL_post' }, credits: zero }) });
    const { container } = render(<ReminderOptIn kinds={['points']} />);
    await settle();
    expect(container.textContent).toBe('');
    expect(request).not.toHaveBeenCalled();
  });
});

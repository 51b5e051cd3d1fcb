import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { followedLine } from './effect-screen';
import { WorklistScreen } from './worklist-screen';

const SCRIPT = '王女士，看到您在看《春日焕新》，里面的内容有想进一步了解的吗？我可以详细给您介绍～';
const item = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  id,
  openid: `o_${id}`,
  name,
  reason: '读了《春日焕新》（护肤），共 1 分 10 秒',
  reasonKind: 'read',
  tag: '护肤',
  goal: '了解对「护肤」的兴趣，推荐相关产品',
  script: SCRIPT,
  expiresAt: Date.now() + 3_600_000,
  ...over,
});

const clipboard = jest.fn((_o: { data: string }) => Promise.resolve({ errMsg: 'setClipboardData:ok' }));

beforeEach(() => {
  __resetTaroMock();
  (Taro as unknown as { setClipboardData: typeof clipboard }).setClipboardData = clipboard;
  clipboard.mockClear();
  window.localStorage.clear();
  writeDevOpenid('o_demo_guide');
});

describe('the worklist page', () => {
  it('shows each customer with the reason, the goal and the script; copy puts exactly the script on the clipboard', async () => {
    installFakeBridge({
      'insight.worklist': () => ({
        day: '2026-03-10',
        done: 1,
        items: [
          item('wli_aaaaaaaa', '王女士'),
          item('wli_bbbbbbbb', '李先生', { reasonKind: 'coupon', reason: '券快到期' }),
        ],
      }),
    });
    render(<WorklistScreen />);
    const cards = await screen.findAllByTestId('worklist-item');
    expect(cards).toHaveLength(2);
    expect(cards[0]?.textContent).toContain(
      '王女士认真阅读读了《春日焕新》（护肤），共 1 分 10 秒目的：了解对「护肤」的兴趣',
    );
    expect(screen.getByText('今天建议联系 2 位会员')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('worklist-copy')[0]!);
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith({ data: SCRIPT }));
  });

  it('takes an item off the list once its outcome is recorded', async () => {
    const { calls } = installFakeBridge({
      'insight.worklist': () => ({ day: '2026-03-10', done: 0, items: [item('wli_aaaaaaaa', '王女士')] }),
      'insight.worklistOutcome': (input) => ({ id: input.id, outcome: input.outcome }),
    });
    render(<WorklistScreen />);
    fireEvent.click(await screen.findByTestId('worklist-contacted'));
    await waitFor(() => expect(screen.queryByTestId('worklist-item')).toBeNull());
    expect(calls.find((c) => c.action === 'worklistOutcome')?.input).toEqual({
      id: 'wli_aaaaaaaa',
      outcome: 'contacted',
    });
    expect(screen.getByText('今天的名单都处理完了')).toBeTruthy();
  });

  it('keeps the item and says why when recording fails', async () => {
    installFakeBridge({
      'insight.worklist': () => ({ day: '2026-03-10', done: 0, items: [item('wli_aaaaaaaa', '王女士')] }),
      'insight.worklistOutcome': () => {
        throw new BridgeFailure('FAILED_PRECONDITION', '这条建议已过期');
      },
    });
    render(<WorklistScreen />);
    fireEvent.click(await screen.findByTestId('worklist-later'));
    await waitFor(() =>
      expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这条建议已过期' })),
    );
    expect(screen.getAllByTestId('worklist-item')).toHaveLength(1);
  });

  it('has an empty state and an error state with retry', async () => {
    installFakeBridge({ 'insight.worklist': () => ({ day: '2026-03-10', done: 3, items: [] }) });
    const { unmount } = render(<WorklistScreen />);
    expect(await screen.findByText('今天的名单都处理完了')).toBeTruthy();
    unmount();
    installFakeBridge({
      'insight.worklist': () => {
        throw new BridgeFailure('INTERNAL', '服务暂时不可用');
      },
    });
    render(<WorklistScreen />);
    expect(await screen.findByText('重试')).toBeTruthy();
  });
});

describe('effect figures', () => {
  it('shows followed out of all with the share, and a dash when there are none', () => {
    expect(followedLine(1, 4)).toBe('1/4（25%）');
    expect(followedLine(0, 0)).toBe('—');
  });
});

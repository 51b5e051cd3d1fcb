import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { WithdrawnNotices } from './withdrawn-notices';

const REASON = '未通过内容安全检测：疑似广告违规（如夸大、绝对化用语或引流内容），涉及“刷单”。请修改后再发布。';

function notice(n: number, read: boolean, kind: 'withdrawn' | 'held' = 'withdrawn') {
  return {
    id: `${kind}:pst_abcdefgh${n}`,
    kind,
    postId: `pst_abcdefgh${n}`,
    title: `春日焕新 ${n}`,
    reason: n === 1 ? REASON : '第 1 张图片未通过内容安全检测：疑似色情内容',
    createdAt: Date.now() - n * 60_000,
    read,
  };
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

describe('withdrawn notices on the console home', () => {
  it('shows how many were withdrawn, opens the list and marks the unread ones read', async () => {
    const notices = [notice(1, false), notice(2, false), notice(3, true)];
    const { calls } = installFakeBridge({
      'content.notices': () => ({ notices, unread: 2 }),
      'content.readNotices': (input) => ({ read: (input as { ids: string[] }).ids.length }),
    });
    render(<WithdrawnNotices />);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('有 2 条内容被撤回');
    expect(screen.queryAllByTestId('withdrawn-row')).toHaveLength(0);

    fireEvent.click(banner);
    const rows = screen.getAllByTestId('withdrawn-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('春日焕新 1'),
      expect.stringContaining('春日焕新 2'),
      expect.stringContaining('春日焕新 3'),
    ]);
    expect(rows[0]?.textContent).toContain(REASON);
    expect(rows[0]?.textContent).toMatch(/(今天|昨天) \d{2}:\d{2}/);
    await waitFor(() => expect(calls.some((c) => c.action === 'readNotices')).toBe(true));
    expect(calls.find((c) => c.action === 'readNotices')?.input).toEqual({
      ids: ['withdrawn:pst_abcdefgh1', 'withdrawn:pst_abcdefgh2'],
    });
  });

  it('counts held scheduled posts apart from withdrawn ones and labels each row', async () => {
    installFakeBridge({
      'content.notices': () => ({
        notices: [notice(1, false), notice(2, false, 'held'), notice(3, false, 'held')],
        unread: 3,
      }),
      'content.readNotices': (input) => ({ read: (input as { ids: string[] }).ids.length }),
    });
    render(<WithdrawnNotices />);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('有 1 条内容被撤回，有 2 条定时内容未发布');
    fireEvent.click(banner);
    const rows = screen.getAllByTestId('withdrawn-row');
    expect(rows[0]?.textContent).toContain('已撤回');
    expect(rows[1]?.textContent).toContain('定时未发布');
    expect(rows[2]?.textContent).toContain('定时未发布');
    // A held post is a draft again: its row leads to the editor; a withdrawn one has nothing to edit.
    expect(rows[0]?.querySelector('[data-testid="held-edit"]')).toBeNull();
    fireEvent.click(screen.getAllByTestId('held-edit')[0]!);
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/console/posts/edit/index?id=pst_abcdefgh2' });
  });

  it('shows only the held count when nothing was withdrawn', async () => {
    installFakeBridge({ 'content.notices': () => ({ notices: [notice(4, false, 'held')], unread: 1 }) });
    render(<WithdrawnNotices />);
    const text = (await screen.findByRole('alert')).textContent ?? '';
    expect(text).toContain('有 1 条定时内容未发布');
    expect(text).not.toContain('撤回');
  });

  it('shows nothing when every notice was read, or there are none', async () => {
    const { calls } = installFakeBridge({
      'content.notices': () => ({ notices: [notice(1, true)], unread: 0 }),
    });
    const { container } = render(<WithdrawnNotices />);
    await waitFor(() => expect(calls.some((c) => c.action === 'notices')).toBe(true));
    // Let the answer land (loading draws nothing either).
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(container.textContent).toBe('');
    expect(screen.queryByTestId('withdrawn-notices')).toBeNull();
  });

  it('says when the notices could not be loaded, and loads them again on retry', async () => {
    let fail = true;
    installFakeBridge({
      'content.notices': () => {
        if (fail) throw new BridgeFailure('UNAVAILABLE', '服务繁忙，请稍后重试');
        return { notices: [notice(1, false)], unread: 1 };
      },
    });
    render(<WithdrawnNotices />);
    expect(await screen.findByText('服务繁忙，请稍后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect((await screen.findByRole('alert')).textContent).toContain('有 1 条内容被撤回');
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { ManualTagsScreen } from './manual-tags-screen';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

describe("HQ's manual tag list", () => {
  it('shows the saved list, adds and removes tags, and saves the whole list', async () => {
    const { calls } = installFakeBridge({
      'insight.manualTagList': () => ({ tags: ['爱逛店', '价格敏感'] }),
      'insight.setManualTagList': (input) => ({ tags: input.tags }),
    });
    render(<ManualTagsScreen />);
    const chips = await screen.findAllByTestId('manual-tag-chip');
    expect(chips.map((c) => c.textContent)).toEqual(['爱逛店 ×', '价格敏感 ×']);
    fireEvent.click(chips[1]!);
    fireEvent.change(screen.getByPlaceholderText('如 爱逛店、价格敏感'), { target: { value: '宝妈' } });
    fireEvent.click(screen.getByTestId('manual-tag-add'));
    fireEvent.click(screen.getByText('保存标签清单'));
    await waitFor(() => expect(calls.some((c) => c.action === 'setManualTagList')).toBe(true));
    expect(calls.find((c) => c.action === 'setManualTagList')?.input).toEqual({ tags: ['爱逛店', '宝妈'] });
  });
});

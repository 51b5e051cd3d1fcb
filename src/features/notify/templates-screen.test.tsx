import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { TemplatesScreen } from './templates-screen';

const credits = { post: 0, member: 0, read: 0, points: 0, coupon: 0 };

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

const KINDS = ['post', 'member', 'read', 'points', 'coupon'];
/** The id field in the card of a kind (cards come in the order of the kinds). */
function field(kind: string): HTMLInputElement {
  const input = screen.getAllByTestId('reminder-template')[KINDS.indexOf(kind)]?.querySelector('input');
  if (!input) throw new Error(`no field for ${kind}`);
  return input;
}

describe("HQ's subscribe template screen", () => {
  it('says what each reminder is for and which keywords its template needs, empty when none is set', async () => {
    installFakeBridge({ 'insight.reminderSettings': () => ({ templates: {}, credits }) });
    render(<TemplatesScreen />);
    const cards = await screen.findAllByTestId('reminder-template');
    expect(cards).toHaveLength(5);
    expect(cards[3]?.textContent).toContain('积分到期提醒 · 会员');
    expect(cards[3]?.textContent).toContain('number1 到期积分、date2 到期日期');
    expect(field('points').value).toBe('');
  });

  it('saves the ids typed, trimmed, and leaves the empty ones out (switched off)', async () => {
    const { calls } = installFakeBridge({
      'insight.reminderSettings': () => ({ templates: { post: 'OLD_post' }, credits }),
      'insight.setReminderTemplates': (input) => ({ templates: input.templates, credits }),
    });
    render(<TemplatesScreen />);
    await screen.findAllByTestId('reminder-template');
    expect(field('post').value).toBe('OLD_post');
    fireEvent.change(field('post'), { target: { value: '' } });
    fireEvent.change(field('points'), { target: { value: '  Abc-123_x  ' } });
    fireEvent.click(screen.getByText('保存模板 ID'));
    await waitFor(() => expect(calls.some((c) => c.action === 'setReminderTemplates')).toBe(true));
    expect(calls.find((c) => c.action === 'setReminderTemplates')?.input).toEqual({
      templates: { points: 'Abc-123_x' },
    });
  });

  it("shows the server's refusal of a malformed id", async () => {
    installFakeBridge({
      'insight.reminderSettings': () => ({ templates: {}, credits }),
      'insight.setReminderTemplates': () => {
        throw new BridgeFailure('INVALID_ARGUMENT', '模板 ID 只能包含字母、数字、- 和 _');
      },
    });
    render(<TemplatesScreen />);
    await screen.findAllByTestId('reminder-template');
    fireEvent.change(field('coupon'), { target: { value: '模板一' } });
    fireEvent.click(screen.getByText('保存模板 ID'));
    expect(await screen.findByText('模板 ID 只能包含字母、数字、- 和 _')).toBeTruthy();
  });
});

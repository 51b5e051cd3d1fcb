import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { HolidaysSection } from './holidays-section';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

describe("HQ's holidays", () => {
  it('adds a day in date order, refuses a malformed one, and saves the list', async () => {
    const { calls } = installFakeBridge({
      'insight.holidays': () => ({ holidays: [{ day: '2026-10-01', name: '国庆节' }] }),
      'insight.setHolidays': (input) => ({ holidays: input.holidays }),
    });
    render(<HolidaysSection />);
    expect((await screen.findAllByTestId('holiday')).map((h) => h.textContent)).toEqual(['2026-10-01 国庆节 ×']);
    fireEvent.change(screen.getByPlaceholderText('日期 2026-10-01'), { target: { value: '5月1日' } });
    fireEvent.change(screen.getByPlaceholderText('节日名称'), { target: { value: '劳动节' } });
    fireEvent.click(screen.getByTestId('holiday-add'));
    expect(screen.getByText('请填写日期（如 2026-10-01）和节日名称')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('日期 2026-10-01'), { target: { value: '2026-05-01' } });
    fireEvent.click(screen.getByTestId('holiday-add'));
    expect(screen.getAllByTestId('holiday').map((h) => h.textContent)).toEqual([
      '2026-05-01 劳动节 ×',
      '2026-10-01 国庆节 ×',
    ]);
    fireEvent.click(screen.getByText('保存节日'));
    await waitFor(() => expect(calls.some((c) => c.action === 'setHolidays')).toBe(true));
    expect(calls.find((c) => c.action === 'setHolidays')?.input).toEqual({
      holidays: [
        { day: '2026-05-01', name: '劳动节' },
        { day: '2026-10-01', name: '国庆节' },
      ],
    });
  });
});

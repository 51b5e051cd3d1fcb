import { act, renderHook } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../test/mocks/taro';
import { CloudError } from './cloud';
import { useAction } from './use-action';

beforeEach(() => __resetTaroMock());

describe('useAction', () => {
  it('is busy while the work runs and ignores a second tap meanwhile', async () => {
    const { result } = renderHook(() => useAction());
    let finish: () => void = () => undefined;
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    let first: Promise<void> = Promise.resolve();
    await act(async () => {
      first = result.current.run(work);
      await result.current.run(work);
    });
    expect(result.current.busy).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish();
      await first;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it("keeps the cloud's Chinese message when the work fails, and clears it on the next run", async () => {
    const { result } = renderHook(() => useAction());
    await act(() => result.current.run(() => Promise.reject(new CloudError('FAILED_PRECONDITION', '积分不足'))));
    expect(result.current.error).toBe('积分不足');
    await act(() => result.current.run(() => Promise.resolve()));
    expect(result.current.error).toBeNull();
  });

  it('shows the failure in a toast when asked to', async () => {
    const { result } = renderHook(() => useAction({ toast: true }));
    await act(() => result.current.run(() => Promise.reject(new TypeError('x is undefined'))));
    expect(result.current.error).toBeNull();
    expect(taroMock.showToast).toHaveBeenCalledWith({ title: '系统繁忙，请稍后再试', icon: 'none' });
  });
});

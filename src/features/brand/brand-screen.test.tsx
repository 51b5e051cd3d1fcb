import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { DEFAULT_BRAND } from '@core/brand';
import { BrandScreen } from './brand-screen';
import { resetBrandCache, useBrand } from './use-brand';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
  resetBrandCache();
});

async function fill(placeholder: string, value: string) {
  fireEvent.change(await screen.findByPlaceholderText(placeholder), { target: { value } });
}

/** Another screen showing the brand, to see a save reach it. */
function Header() {
  return <span data-testid="header">{useBrand().name}</span>;
}

describe('brand settings', () => {
  it('saves the brand, and every screen showing it follows', async () => {
    const { calls } = installFakeBridge({
      'account.brand': () => DEFAULT_BRAND,
      'account.saveBrand': (input) => ({ ...(input as object), configured: true }),
    });
    render(
      <>
        <Header />
        <BrandScreen />
      </>,
    );
    await fill('如：某某生活', '松风茶舍');
    await fill('页面标题用，10 字以内', '松风');
    await fill('如：积分、茶豆', '茶豆');
    fireEvent.click(screen.getByLabelText('主题色 #1e6fd9'));
    const save = screen.getByText('保存品牌设置');
    await act(async () => {
      fireEvent.click(save);
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId('header').textContent).toBe('松风茶舍'));
    expect(calls.find((c) => c.action === 'saveBrand')?.input).toEqual({
      name: '松风茶舍',
      shortName: '松风',
      themeColor: '#1e6fd9',
      pointsName: '茶豆',
      servicePhone: null,
    });
    expect(taroMock.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' });
  });

  it('refuses a malformed colour or phone before calling the cloud', async () => {
    const { calls } = installFakeBridge({
      'account.brand': () => ({ ...DEFAULT_BRAND, name: '松风茶舍', shortName: '松风', configured: true }),
    });
    render(<BrandScreen />);
    await fill('#RRGGBB', 'blue');
    fireEvent.click(screen.getByText('保存品牌设置'));
    expect(await screen.findByText('主题色格式应为 #RRGGBB，如 #07c160')).toBeTruthy();
    await fill('#RRGGBB', '#123456');
    await fill('选填，如：400-820-1234', '打电话');
    fireEvent.click(screen.getByText('保存品牌设置'));
    expect(await screen.findByText('客服电话格式不正确')).toBeTruthy();
    expect(calls.some((c) => c.action === 'saveBrand')).toBe(false);
  });
});

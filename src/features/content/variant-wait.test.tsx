import { act, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { VariantWait } from './variant-wait';

const POST = 'pst_abcdefgh12345678';

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_guide_1');
});

describe('the wait screen of a guide’s own variant', () => {
  it('says the variant is being made for the guide and follows the images done', async () => {
    const answers = [
      { ready: false, done: 0, of: 9 },
      { ready: false, done: 3, of: 9 },
      { ready: false, done: 6, of: 9 },
    ];
    const { calls } = installFakeBridge({
      'content.variantProgress': () => answers.shift() ?? { ready: false, done: 6, of: 9 },
    });
    const { unmount } = render(<VariantWait postId={POST} />);
    expect(await screen.findByText('正在生成你的专属版本…')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('variant-wait-count').textContent).toBe('配图 3 / 9'), {
      timeout: 3000,
    });
    await waitFor(() => expect(screen.getByTestId('variant-wait-count').textContent).toBe('配图 6 / 9'), {
      timeout: 3000,
    });
    expect(calls.every((c) => c.action === 'variantProgress' && c.input.postId === POST)).toBe(true);
    unmount();
    const asked = calls.length;
    await act(() => new Promise((r) => setTimeout(r, 900)));
    expect(calls).toHaveLength(asked);
  });

  it('shows a plain opening for a variant made ahead, and when progress cannot be read', async () => {
    installFakeBridge({ 'content.variantProgress': () => ({ ready: true, done: 9, of: 9 }) });
    const ready = render(<VariantWait postId={POST} />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.getByText('正在打开你的专属版本…')).toBeTruthy();
    expect(screen.queryByText('正在生成你的专属版本…')).toBeNull();
    ready.unmount();
    // No handler: the bridge answers an error, which the wait screen leaves to the page.
    installFakeBridge({});
    render(<VariantWait postId={POST} />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.getByText('正在打开你的专属版本…')).toBeTruthy();
  });
});

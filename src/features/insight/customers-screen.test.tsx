import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import type { Customer } from './api';
import { CustomersScreen } from './customers-screen';

const row = (openid: string, name: string, over: Partial<Customer> = {}): Customer => ({
  openid,
  name,
  tags: [],
  joinedAt: 1,
  visits: 0,
  readSeconds: 0,
  ...over,
});
const WANG = row('o_wang', '王女士', { tags: ['护肤'], manualTags: ['爱逛店'], tier: { id: 'gold', name: '金卡' } });
const LI = row('o_li', '李先生');

function world() {
  return installFakeBridge({
    'insight.reminderSettings': () => ({
      templates: {},
      credits: { post: 0, member: 0, read: 0, points: 0, coupon: 0 },
    }),
    'points.tiers': () => ({ basis: 'points', tiers: [{ id: 'gold', name: '金卡', min: 1000 }], version: 1 }),
    // The server filters; the fake answers as it would for the two customers above.
    'insight.myCustomers': (input) => {
      const all = [WANG, LI];
      const shown = all.filter(
        (c) =>
          (input.tier === undefined || (input.tier === 'base' ? !c.tier : c.tier?.id === input.tier)) &&
          (input.tag === undefined ||
            c.tags.includes(input.tag as string) ||
            (c.manualTags ?? []).includes(input.tag as string)),
      );
      return { customers: shown, tags: ['护肤', '爱逛店'] };
    },
  });
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_guide');
});

const names = () => screen.getAllByTestId('customer-row').map((r) => r.textContent?.slice(1, 4));

describe("the guide's customer list", () => {
  it('shows manual tags on a row beside the reading tags', async () => {
    world();
    render(<CustomersScreen />);
    await screen.findAllByTestId('customer-row');
    const [wang] = screen.getAllByTestId('customer-row');
    expect(wang?.textContent).toContain('护肤');
    expect(screen.getAllByTestId('row-manual-tag').map((t) => t.textContent)).toEqual(['爱逛店']);
  });

  it('filters by a manual tag through the server', async () => {
    const { calls } = world();
    render(<CustomersScreen />);
    await screen.findAllByTestId('customer-row');
    fireEvent.click(screen.getAllByTestId('tag-chip').find((c) => c.textContent === '爱逛店')!);
    await waitFor(() => expect(screen.getAllByTestId('customer-row')).toHaveLength(1));
    expect(calls.filter((c) => c.action === 'myCustomers').pop()?.input).toEqual({ tag: '爱逛店' });
    expect(names()).toEqual(['王女士']);
  });

  it("offers HQ's tiers as chips, with the base tier, and filters by them", async () => {
    const { calls } = world();
    render(<CustomersScreen />);
    await screen.findAllByTestId('customer-row');
    const chips = await screen.findAllByTestId('tier-chip');
    expect(chips.map((c) => c.textContent)).toEqual(['普通会员', '金卡']);
    fireEvent.click(chips[0]!);
    await waitFor(() => expect(names()).toEqual(['李先生']));
    expect(calls.filter((c) => c.action === 'myCustomers').pop()?.input).toEqual({ tier: 'base' });
    fireEvent.click(chips[1]!);
    await waitFor(() => expect(names()).toEqual(['王女士']));
  });

  it('shows no tier chips while HQ has defined no tiers', async () => {
    installFakeBridge({
      'insight.reminderSettings': () => ({
        templates: {},
        credits: { post: 0, member: 0, read: 0, points: 0, coupon: 0 },
      }),
      'points.tiers': () => ({ basis: 'points', tiers: [], version: 0 }),
      'insight.myCustomers': () => ({ customers: [LI], tags: [] }),
    });
    render(<CustomersScreen />);
    await screen.findAllByTestId('customer-row');
    expect(screen.queryAllByTestId('tier-chip')).toHaveLength(0);
  });
});

import path from 'node:path';
import simulate from 'miniprogram-simulate';

// The real native component (wxml/js/json/wxss) as the mini-program runs it.
const componentPath = path.join(__dirname, 'index');

function text(comp: ReturnType<typeof simulate.render>, selector: string): string | undefined {
  return comp.querySelector(selector)?.dom?.textContent?.trim();
}

describe('native stat-card', () => {
  let id: string;
  beforeAll(() => {
    id = simulate.load(componentPath);
  });

  it('groups thousands and shows the unit and hint', () => {
    const comp = simulate.render(id, { label: '会员', value: 12345, unit: '人', hint: '较昨日 +12' });
    comp.attach(document.createElement('parent-wrapper'));
    expect(text(comp, '.stat-card__label')).toBe('会员');
    expect(text(comp, '.stat-card__number')).toBe('12,345');
    expect(text(comp, '.stat-card__unit')).toBe('人');
    expect(text(comp, '.stat-card__hint')).toBe('较昨日 +12');
  });

  it('shows a dash, not zero, while the figure is unknown, and updates when it arrives', () => {
    const comp = simulate.render(id, { label: '门店' });
    comp.attach(document.createElement('parent-wrapper'));
    expect(text(comp, '.stat-card__number')).toBe('—');
    expect(comp.querySelector('.stat-card__unit')).toBeUndefined();

    comp.setData({ value: 3 });
    expect(text(comp, '.stat-card__number')).toBe('3');
  });

  it('reports a tap with its label', async () => {
    const comp = simulate.render(id, { label: '导购', value: 6 });
    comp.attach(document.createElement('parent-wrapper'));
    const taps: unknown[] = [];
    // addEventListener exists on the rendered root but is missing from the package's typings.
    (
      comp as unknown as { addEventListener(name: string, fn: (e: { detail: unknown }) => void): void }
    ).addEventListener('cardtap', (event) => taps.push(event.detail));
    comp.querySelector('.stat-card')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(taps).toEqual([{ label: '导购' }]);
  });
});

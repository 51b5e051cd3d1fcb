import { applyThemeToDocument, themeStyle, themeVariables } from './theme';

describe('brand theme', () => {
  it('derives the pressed and soft shades and NutUI primary from one colour', () => {
    expect(themeVariables('#aa3355')).toEqual({
      '--brand-color': '#aa3355',
      '--brand-color-strong': '#992e4d',
      '--brand-color-soft': '#f7ebee',
      '--nutui-color-primary': '#aa3355',
      '--nutui-color-primary-stop-1': '#aa3355',
      '--nutui-color-primary-stop-2': '#992e4d',
      '--nutui-color-primary-light-pressed': 'rgba(170, 51, 85, 0.12)',
    });
    expect(themeStyle('#000000')).toMatch(/^--brand-color: #000000; --brand-color-strong: #000000; /);
  });

  it('leaves the stylesheet defaults alone for a malformed colour', () => {
    expect(themeVariables('red')).toEqual({});
    expect(themeVariables('#12345')).toEqual({});
  });

  it('puts the variables on the document root (H5)', () => {
    applyThemeToDocument('#1e6fd9');
    expect(document.documentElement.style.getPropertyValue('--brand-color')).toBe('#1e6fd9');
    expect(document.documentElement.style.getPropertyValue('--nutui-color-primary')).toBe('#1e6fd9');
  });
});

/**
 * The charts' echarts (chartsApi): taro-react-echarts re-creates an H5 chart through its container
 * ref when the first render finishes, and a chart unmounted before that has a null ref by then.
 */
import * as echarts from 'echarts/core';
import { chartsApi } from './echarts';

function mounted(): HTMLElement {
  const div = document.createElement('div');
  Object.defineProperty(div, 'clientWidth', { value: 320 });
  Object.defineProperty(div, 'clientHeight', { value: 200 });
  document.body.appendChild(div);
  return div;
}

it('is what echarts itself refuses: a chart disposed through a missing container throws', () => {
  expect(() => echarts.dispose(null as unknown as HTMLElement)).toThrow(/getAttribute/);
});

it('disposes a chart unmounted before its first render finished, when the library asks through a null ref', () => {
  const left = mounted();
  const kept = mounted();
  const gone = chartsApi.init(left, undefined, { width: 320, height: 200 })!;
  const stays = chartsApi.init(kept, undefined, { width: 320, height: 200 })!;
  left.remove();
  // What the library's 'finished' handler does once React has cleared the ref.
  expect(() => chartsApi.dispose(null)).not.toThrow();
  expect(chartsApi.init(null)).toBeUndefined();
  expect(chartsApi.getInstanceByDom(null)).toBeUndefined();
  expect(gone.isDisposed()).toBe(true);
  expect(stays.isDisposed()).toBeFalsy();
  expect(chartsApi.getInstanceByDom(kept)).toBe(stays);
  chartsApi.dispose(kept);
  expect(stays.isDisposed()).toBe(true);
});

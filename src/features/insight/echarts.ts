/**
 * The parts of echarts the HQ charts use, registered once. Importing echarts/core with only these
 * keeps the charts subpackage far below the full build's size.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, TreeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Chart = ReturnType<typeof echarts.init>;

/** The charts this module made, until they are disposed. */
const made = new Set<Chart>();

/**
 * Disposes the charts whose container has left the document (H5 only: a mini-program's canvas is
 * not a DOM element, and the library disposes its charts there itself).
 */
function disposeDetached(): void {
  const Element = (globalThis as { HTMLElement?: typeof HTMLElement }).HTMLElement;
  for (const chart of made) {
    if (chart.isDisposed()) {
      made.delete(chart);
      continue;
    }
    const dom = chart.getDom();
    if (Element && dom instanceof Element && !dom.isConnected) {
      echarts.dispose(chart);
      made.delete(chart);
    }
  }
}

/**
 * What the charts are given as their `echarts`: the module, with the calls taro-react-echarts makes
 * through its container ref safe once that ref is gone. On H5 the library makes a chart, waits for
 * its first render to finish, then disposes it and makes it again through the ref; a chart unmounted
 * in between (HQ switched a filter and the board reloaded) has had its ref cleared by React, and
 * `echarts.dispose(null)` threw in the page ("Cannot read properties of null (reading
 * 'getAttribute')"). With no container, those calls dispose the charts left without a document
 * instead, and answer no chart.
 */
export const chartsApi = {
  ...echarts,
  init(...args: Parameters<typeof echarts.init>): Chart | undefined {
    disposeDetached();
    if (!args[0]) return undefined;
    const chart = echarts.init(...args);
    made.add(chart);
    return chart;
  },
  dispose(target: Parameters<typeof echarts.dispose>[0] | null | undefined): void {
    if (target) echarts.dispose(target);
    else disposeDetached();
  },
  getInstanceByDom(dom: HTMLElement | null | undefined): Chart | undefined {
    return dom ? echarts.getInstanceByDom(dom) : undefined;
  },
};

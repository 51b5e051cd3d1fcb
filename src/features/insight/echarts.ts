/**
 * The parts of echarts the HQ charts use, registered once. Importing echarts/core with only these
 * keeps the charts subpackage far below the full build's size.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, TreeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

// ECharts, the parts the dashboard draws with and nothing else (echarts/core registers what is used), in
// the dashboard's own chunk: only the 驾驶舱 route imports this file (docs/decisions/dashboard.md).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import VChart from 'vue-echarts';
import 'vue-echarts/style.css';

use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent]);

export { VChart };

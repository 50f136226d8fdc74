// ECharts for the 品牌活动 chart only: imported by OutcomesChart.vue, itself loaded asynchronously by the
// brand list page, so no other page loads it.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import VChart from 'vue-echarts';
import 'vue-echarts/style.css';

use([CanvasRenderer, BarChart, GridComponent, LegendComponent, TooltipComponent]);

export { VChart };

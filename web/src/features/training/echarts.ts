// ECharts for the training completion chart only: this file is imported by the 培训完成情况 page alone,
// so no other route carries ECharts.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import VChart from 'vue-echarts';
import 'vue-echarts/style.css';

use([CanvasRenderer, BarChart, GridComponent, LegendComponent, TooltipComponent]);

export { VChart };

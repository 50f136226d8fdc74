// ECharts for the pairing ledger's chart only (a stacked bar: pairings by area and project type), in this
// route's own chunk: only the ledger page imports this file (docs/decisions/dashboard.md's rule).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import VChart from 'vue-echarts';
import 'vue-echarts/style.css';

use([CanvasRenderer, BarChart, GridComponent, LegendComponent, TooltipComponent]);

export { VChart };

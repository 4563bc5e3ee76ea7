/** ECharts pieces the loss-landscape charts draw with (the 3-D surface loads echarts-gl separately, on demand). */
import { use } from 'echarts/core';
import { CustomChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  CustomChart, LineChart, LinesChart, ScatterChart,
  GridComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent,
  CanvasRenderer, SVGRenderer,
]);

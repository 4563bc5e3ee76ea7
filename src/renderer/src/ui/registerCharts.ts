/** ECharts on demand: only what our charts draw, so the bundle stays small. Imported by chart components. */
import { use } from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// the title: exported pictures carry their card's heading (chartExport.titledPicture)
use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

// Experiment tracking: parallel coordinates of hyperparameters, and the SVG renderer for "export as SVG".
import { ParallelChart } from 'echarts/charts';
import { ParallelComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([ParallelChart, ParallelComponent, SVGRenderer]);

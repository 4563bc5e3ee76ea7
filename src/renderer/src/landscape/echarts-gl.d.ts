// echarts-gl ships no type declarations; the landscape's 3-D surface only passes its exports to `use`.
declare module 'echarts-gl/charts' {
  export const SurfaceChart: unknown;
  export const Line3DChart: unknown;
  export const Scatter3DChart: unknown;
}
declare module 'echarts-gl/components' {
  export const Grid3DComponent: unknown;
}

/**
 * The Channels view's pictures as ImageSheet items: a conv layer's filters (one picture per
 * filter, its kernels for each input channel side by side with a blank column between), and
 * one row's maps (one picture per channel, with its mean activation).
 */
import type { ChannelLayerDto } from '../../../shared/api/featureVisDto';
import { formatNumber } from '../lib/format';
import type { ColorScale } from '../ui/colorMaps';
import type { SheetItem } from '../ui/imageLayout';

export interface Sheet { items: SheetItem[]; width: number; height: number; scale: ColorScale }

/** Filter o's kernels over the c input channels, as one picture c*(kw+1)-1 wide and kh high; 0 (white) between. */
export function filterSheet(layer: ChannelLayerDto): Sheet | null {
  const f = layer.filters;
  if (!f) return null;
  const { inChannels: c, kernelH: kh, kernelW: kw } = f;
  const width = c * (kw + 1) - 1;
  const perFilter = c * kh * kw;
  const filters = f.values.length / perFilter;
  const items = Array.from({ length: filters }, (_, o): SheetItem => {
    const values = new Array<number>(width * kh).fill(0);
    for (let ch = 0; ch < c; ch++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) values[y * width + ch * (kw + 1) + x] = f.values[o * perFilter + ch * kh * kw + y * kw + x];
      }
    }
    return { key: o, values, caption: `filter ${o + 1}` };
  });
  return { items, width, height: kh, scale: { kind: 'diverging', min: -f.maxAbs, max: f.maxAbs } };
}

/** Each channel's map for the row, on one scale for the whole layer so channels compare. */
export function mapSheet(layer: ChannelLayerDto): Sheet {
  const [channels, h, w] = layer.info.output;
  const items = Array.from({ length: channels }, (_, c): SheetItem => ({
    key: c,
    values: layer.maps.slice(c * h * w, (c + 1) * h * w),
    caption: `channel ${c + 1}`,
    detail: `mean ${formatNumber(layer.means[c], 3)}`,
  }));
  // activations after ReLU or pooling are mostly ≥ 0: grey from 0 (black) to the layer's highest; signed maps diverge
  const scale: ColorScale = layer.min >= 0 ? { kind: 'grey', min: 0, max: layer.max } : { kind: 'diverging', min: layer.min, max: layer.max };
  return { items, width: w, height: h, scale };
}

/** The channel that responds most to the row (the strongest mean), to suggest a first one to visualize. */
export function strongestChannel(layer: ChannelLayerDto): number {
  let best = 0;
  layer.means.forEach((m, c) => { if (m > layer.means[best]) best = c; });
  return best;
}

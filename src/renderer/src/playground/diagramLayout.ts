/**
 * Where the network diagram puts its nodes and links, and which parameter each link and
 * bias is: columns of units per layer (inputs first), links from every unit to every unit of
 * the next layer. The parameter indices follow the engine's flat layout W1, b1, W2, b2, ...
 * with W row-major [fanIn][fanOut], so link (l, i, j) is the lecture's w[i][j] of layer l.
 */

/** The largest diagram drawn; a bigger network is summarised instead of drawn as a hairball. */
export const DIAGRAM_LIMITS = { unitsPerLayer: 16, layers: 10 } as const;

export interface DiagramNode {
  /** 0 for the inputs, l + 1 for the units of weight layer l. */
  column: number;
  unit: number;
  x: number;
  y: number;
  /** Index of the unit's bias in params (undefined for inputs). */
  biasIndex?: number;
}

export interface DiagramLink {
  /** Weight layer (0-based): connects column `layer` to column `layer + 1`. */
  layer: number;
  i: number;
  j: number;
  paramIndex: number;
  from: DiagramNode;
  to: DiagramNode;
}

export interface DiagramLayout { width: number; height: number; nodes: DiagramNode[][]; links: DiagramLink[] }

/** `labels`: room left of the inputs for their names. */
export interface LayoutOptions { columnGap: number; rowGap: number; node: number; padding: number; labels: number }

export const DEFAULT_LAYOUT: LayoutOptions = { columnGap: 110, rowGap: 54, node: 40, padding: 20, labels: 56 };

export function canDraw(sizes: readonly number[]): boolean {
  return sizes.length - 1 <= DIAGRAM_LIMITS.layers && sizes.every((n) => n <= DIAGRAM_LIMITS.unitsPerLayer);
}

/** Offsets of W and b of each weight layer in the flat vector. */
export function parameterOffsets(sizes: readonly number[]): { weights: number; biases: number }[] {
  const offsets: { weights: number; biases: number }[] = [];
  let offset = 0;
  for (let l = 1; l < sizes.length; l++) {
    const weights = offset;
    const biases = weights + sizes[l - 1] * sizes[l];
    offsets.push({ weights, biases });
    offset = biases + sizes[l];
  }
  return offsets;
}

/** sizes: [inputs, hidden..., outputs]. Columns are centred vertically on the tallest one. */
export function layoutDiagram(sizes: readonly number[], o: LayoutOptions = DEFAULT_LAYOUT): DiagramLayout {
  const tallest = Math.max(...sizes);
  const height = 2 * o.padding + (tallest - 1) * o.rowGap + o.node;
  const width = o.labels + 2 * o.padding + (sizes.length - 1) * o.columnGap + o.node;
  const offsets = parameterOffsets(sizes);
  const nodes = sizes.map((n, column) => {
    const top = o.padding + o.node / 2 + ((tallest - n) * o.rowGap) / 2;
    return Array.from({ length: n }, (_, unit): DiagramNode => ({
      column, unit, x: o.labels + o.padding + o.node / 2 + column * o.columnGap, y: top + unit * o.rowGap,
      ...(column > 0 ? { biasIndex: offsets[column - 1].biases + unit } : {}),
    }));
  });
  const links: DiagramLink[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    for (let i = 0; i < sizes[l]; i++) {
      for (let j = 0; j < sizes[l + 1]; j++) {
        links.push({ layer: l, i, j, paramIndex: offsets[l].weights + i * sizes[l + 1] + j, from: nodes[l][i], to: nodes[l + 1][j] });
      }
    }
  }
  return { width, height, nodes, links };
}

/** The largest |value| among the weights (not biases), for scaling link widths. */
export function largestWeight(params: ArrayLike<number>, sizes: readonly number[]): number {
  let max = 0;
  parameterOffsets(sizes).forEach(({ weights, biases }) => {
    for (let k = weights; k < biases; k++) max = Math.max(max, Math.abs(params[k]));
  });
  return max;
}

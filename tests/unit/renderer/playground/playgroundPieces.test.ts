import { describe, expect, it } from 'vitest';
import { Network } from '../../../../src/shared/nn/network';
import { classColor, diverging, divergingTable, NEGATIVE, POSITIVE, tableIndex, weightStroke } from '../../../../src/renderer/src/playground/colorScale';
import { canDraw, largestWeight, layoutDiagram, parameterOffsets } from '../../../../src/renderer/src/playground/diagramLayout';
import { activationScale, domainOf, evaluateCurve, evaluatePlane } from '../../../../src/renderer/src/playground/grid';
import { formatSum, nodeSum } from '../../../../src/renderer/src/playground/nodeSum';
import { ticks, plotBox, toPixel, toPlane } from '../../../../src/renderer/src/playground/planeGeometry';
import { addPoint, classTarget, nearestPoint, removePoint } from '../../../../src/renderer/src/playground/pointEdits';

/** One sigmoid unit on (x1, x2): w = (w1, w2), bias b. */
const unit = (w1: number, w2: number, b: number, inputs = 2) =>
  new Network({ inputs, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' }, Float64Array.from(inputs === 2 ? [w1, w2, b] : [w1, b]));

describe('grid evaluation', () => {
  it('puts larger x2 at the top row and larger x1 to the right, as a canvas draws them', () => {
    const maps = evaluatePlane(unit(10, 0, 0), undefined, { x1: [-1, 1], x2: [-1, 1] }, 4);
    const out = maps.a[0];
    expect(out[0]).toBeLessThan(0.01); // top-left: x1 = -0.75
    expect(out[3]).toBeGreaterThan(0.99); // top-right: x1 = +0.75
    const byX2 = evaluatePlane(unit(0, 10, 0), undefined, { x1: [-1, 1], x2: [-1, 1] }, 4).a[0];
    expect(byX2[0]).toBeGreaterThan(0.99); // top row: x2 = +0.75
    expect(byX2[12]).toBeLessThan(0.01); // bottom row
  });

  it('maps the plane through the input features before the network sees it', () => {
    // one unit on x1^2 alone: the same value at x1 = -0.75 and +0.75
    const net = unit(5, 0, -1, 1);
    const maps = evaluatePlane(net, ['x1^2'], { x1: [-1, 1], x2: [-1, 1] }, 4);
    expect(maps.x[0]).toBeCloseTo(0.5625);
    expect(maps.a[0][0]).toBeCloseTo(maps.a[0][3]);
    expect(maps.a[0][1]).toBeLessThan(maps.a[0][0]);
  });

  it('evaluates a fitted curve from one end of the line to the other', () => {
    const net = new Network({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' }, Float64Array.from([2, 1]));
    const curve = evaluateCurve(net, undefined, -1, 1, 3);
    expect(Array.from(curve.x)).toEqual([-1, 0, 1]);
    expect(Array.from(curve.y)).toEqual([-1, 1, 3]);
  });

  it('frames the points with a margin and scales units by their activation range', () => {
    expect(domainOf([[0, 0], [10, 5]])).toEqual({ x1: [-1, 11], x2: [-0.5, 5.5] });
    expect(activationScale('tanh', [5], 1, 0)).toEqual({ center: 0, half: 1 });
    expect(activationScale('sigmoid', [5], 1, 0)).toEqual({ center: 0.5, half: 0.5 });
    expect(activationScale('relu', [0, 3, 1, -4], 2, 1)).toEqual({ center: 0, half: 4 });
  });
});

describe('colour scales', () => {
  it('runs from blue through white to orange', () => {
    expect(diverging(-1)).toEqual(NEGATIVE);
    expect(diverging(0)).toEqual([255, 255, 255]);
    expect(diverging(1)).toEqual(POSITIVE);
    expect(diverging(7)).toEqual(POSITIVE);
    expect(diverging(NaN)).toEqual([255, 255, 255]);
  });

  it('colours a class by how sure the network is', () => {
    expect(classColor([1 / 3, 1 / 3, 1 / 3])).toEqual([255, 255, 255]);
    expect(classColor([0, 1, 0])).toEqual([230, 159, 0]);
  });

  it('draws larger weights thicker, and signs in opposite colours', () => {
    const big = weightStroke(2, 2);
    const small = weightStroke(0.2, 2);
    expect(big.width).toBeGreaterThan(small.width);
    expect(weightStroke(-2, 2).color).not.toBe(big.color);
    expect(weightStroke(0, 0).width).toBeGreaterThan(0);
  });
});

describe('network diagram layout', () => {
  it('gives each link the index of its weight w[i][j] in the flat parameters', () => {
    // 2-3-1: W1 is 2x3 at 0..5, b1 at 6..8, W2 3x1 at 9..11, b2 at 12
    expect(parameterOffsets([2, 3, 1])).toEqual([{ weights: 0, biases: 6 }, { weights: 9, biases: 12 }]);
    const layout = layoutDiagram([2, 3, 1]);
    expect(layout.links).toHaveLength(9);
    const link = layout.links.find((l) => l.layer === 0 && l.i === 1 && l.j === 2)!;
    expect(link.paramIndex).toBe(1 * 3 + 2);
    expect(layout.links.find((l) => l.layer === 1 && l.i === 2)!.paramIndex).toBe(11);
    expect(layout.nodes[1].map((n) => n.biasIndex)).toEqual([6, 7, 8]);
    expect(layout.nodes[0][0].biasIndex).toBeUndefined();
  });

  it('centres shorter columns and fits every node inside the drawing', () => {
    const layout = layoutDiagram([2, 4, 1]);
    const ys = (c: number) => layout.nodes[c].map((n) => n.y);
    const mid = (v: number[]) => (Math.min(...v) + Math.max(...v)) / 2;
    expect(mid(ys(0))).toBeCloseTo(mid(ys(1)));
    expect(mid(ys(2))).toBeCloseTo(mid(ys(1)));
    for (const n of layout.nodes.flat()) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(layout.width);
      expect(n.y).toBeLessThan(layout.height);
    }
  });

  it('draws networks up to 16 units a layer and summarises larger ones', () => {
    expect(canDraw([2, 16, 16, 1])).toBe(true);
    expect(canDraw([784, 32, 10])).toBe(false);
    expect(largestWeight([1, -3, 0.5, 100], [1, 2, 1].slice(0, 2))).toBe(3);
  });
});

describe('a node’s weighted sum', () => {
  it('writes z = sum w a + b and a = f(z) with the numbers of one point', () => {
    const net = unit(0.5, -0.25, 0.1);
    const x = Float64Array.from([1, 0.3]);
    const sum = nodeSum(net, net.activations(x, 1), x, 0, 0);
    expect(sum.z).toBeCloseTo(0.5 - 0.075 + 0.1);
    expect(sum.a).toBeCloseTo(1 / (1 + Math.exp(-0.525)));
    expect(formatSum(sum)).toBe('z = 0.500·1.000 + (-0.250)·0.300 + 0.100 = 0.525');
  });
});

describe('plane geometry', () => {
  it('turns pixels into plane coordinates and back', () => {
    const box = plotBox(400, 400, { x1: [-6, 6], x2: [-6, 6] });
    const [px, py] = toPixel(box, 2, -3);
    const [x1, x2] = toPlane(box, px, py);
    expect(x1).toBeCloseTo(2);
    expect(x2).toBeCloseTo(-3);
  });

  it('picks round ticks', () => {
    expect(ticks(-6.6, 6.6)).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('clicking points in and out', () => {
  it('adds a point of the chosen class', () => {
    expect(classTarget(1, 2)).toEqual([1]);
    expect(classTarget(2, 3)).toEqual([0, 0, 1]);
    expect(addPoint({ removedPoints: [1] }, [0.5, 0.5], [1])).toEqual({ removedPoints: [1], extraPoints: [{ x: [0.5, 0.5], y: [1] }] });
  });

  it('removes the k-th point shown by its position before earlier removals', () => {
    // 5 generated training points, #1 already removed: the plane shows 0, 2, 3, 4
    const spec = { removedPoints: [1] };
    expect(removePoint(spec, 1, 4)).toEqual({ removedPoints: [1, 2] });
    expect(removePoint(spec, 0, 4)).toEqual({ removedPoints: [0, 1] });
  });

  it('takes a point the user added back out of extraPoints', () => {
    // 3 generated points + 2 added: the plane shows 5, the added ones last
    const spec = { extraPoints: [{ x: [0, 0], y: [0] }, { x: [1, 1], y: [1] }] };
    expect(removePoint(spec, 4, 5)).toEqual({ extraPoints: [{ x: [0, 0], y: [0] }] });
  });

  it('finds the nearest point within a radius only', () => {
    expect(nearestPoint([[0, 0], [10, 10], [12, 10]], 11.5, 10, 5)).toBe(2);
    expect(nearestPoint([[0, 0]], 50, 50, 5)).toBe(-1);
  });
});

describe('the colour table for live maps', () => {
  it('holds the diverging scale at both ends and white in the middle', () => {
    const table = divergingTable();
    expect(Array.from(table.subarray(0, 3))).toEqual(NEGATIVE);
    expect(Array.from(table.subarray(255 * 3, 256 * 3))).toEqual(POSITIVE);
    expect(tableIndex(0)).toBe(128);
    expect(tableIndex(-5)).toBe(0);
    expect(tableIndex(NaN)).toBe(128);
  });
});

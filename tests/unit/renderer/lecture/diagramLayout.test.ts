import { describe, expect, it } from 'vitest';
import {
  boxCoversNode, boxesOverlap, labelBox, layoutNetwork, NODE_RADIUS, nodeFontSize, placeEdgeLabels,
} from '../../../../src/renderer/src/lecture/diagramLayout';

/** The step-through's shapes at the size BackpropStepView draws them. */
const SHAPES: [number[], number][] = [[[2, 2, 1], 250], [[2, 2, 2], 250], [[2, 3, 1], 300], [[3, 4, 2], 300]];

describe('the lecture diagram puts every link number where it can be read', () => {
  for (const [sizes, height] of SHAPES) {
    it(`${sizes.join('-')}: no number covers another number or a unit, even at eight characters each`, () => {
      const { nodes, edges } = layoutNetwork(sizes, 460, height);
      const text = Object.fromEntries(edges.map((e) => [e.id, '−0.08868']));
      const spots = placeEdgeLabels(edges, nodes, text);
      const boxes = edges.map((e) => ({ id: e.id, box: labelBox(spots[e.id], text[e.id]) }));
      for (const [k, a] of boxes.entries()) {
        for (const b of boxes.slice(k + 1)) expect(boxesOverlap(a.box, b.box), `${a.id} and ${b.id}`).toBe(false);
        for (const n of nodes) expect(boxCoversNode(a.box, n), `${a.id} on ${n.id}`).toBe(false);
      }
    });
  }

  it('puts each number on its own link, between the two units it joins', () => {
    const { nodes, edges } = layoutNetwork([2, 3, 1], 460, 300);
    const spots = placeEdgeLabels(edges, nodes, Object.fromEntries(edges.map((e) => [e.id, '0.5'])));
    for (const e of edges) {
      const { x, y } = spots[e.id];
      expect(x).toBeGreaterThan(e.x1);
      expect(x).toBeLessThan(e.x2);
      // on the line from (x1, y1) to (x2, y2)
      expect(Math.abs((y - e.y1) * (e.x2 - e.x1) - (x - e.x1) * (e.y2 - e.y1))).toBeLessThan(1e-6);
    }
  });

  it('leaves a link without a number unplaced', () => {
    const { nodes, edges } = layoutNetwork([2, 2, 1], 460, 250);
    expect(Object.keys(placeEdgeLabels(edges, nodes, { 'e/1/1/1': '0.3' }))).toEqual(['e/1/1/1']);
  });

  it('sets a long unit value smaller so it stays inside its circle, and a short one at 11px', () => {
    expect(nodeFontSize('0.4')).toBe(11);
    expect(nodeFontSize('0.591')).toBe(11);
    for (const text of ['−0.0036', '0.00528', '−0.08868']) {
      const size = nodeFontSize(text);
      expect(size).toBeLessThan(11);
      expect(text.length * size * 0.63).toBeLessThanOrEqual(2 * NODE_RADIUS - 6);
    }
  });
});

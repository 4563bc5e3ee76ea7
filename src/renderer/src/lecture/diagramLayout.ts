/**
 * Where the lecture's network diagram draws its units, links and the numbers on the links.
 * Units sit in columns, left to right; a link's number goes on the link, at the first spot
 * along it where it covers no other number and no unit. In a fan (2-3-1) the links cross
 * near the middle, so a fixed spot puts two numbers on top of each other.
 */

export interface DiagramNode { id: string; x: number; y: number; l: number }
export interface DiagramEdge { id: string; x1: number; y1: number; x2: number; y2: number }
export interface LabelSpot { x: number; y: number }
/** A label's box, by its centre. */
export interface Box { x: number; y: number; w: number; h: number }

export const NODE_RADIUS = 25;
/** The diagram's numbers are 11px, tabular: every character about this wide. */
export const LABEL_CHAR_WIDTH = 6.6;
export const LABEL_HEIGHT = 13;
/** Spots tried along a link, as the fraction of its length from the receiving unit. */
const SPOTS = [0.3, 0.2, 0.4, 0.5, 0.14, 0.6, 0.7, 0.8];
const GAP = 1.5;

/**
 * Units and links ("n/l/j", "e/l/i/j": 1-based units, l = 0 for inputs, as the step-through
 * names them) for layers of the given sizes in a width × height picture.
 */
export function layoutNetwork(sizes: number[], width: number, height: number): { nodes: DiagramNode[]; edges: DiagramEdge[]; columnX: (l: number) => number } {
  const columnX = (l: number) => 50 + ((width - 100) * l) / Math.max(1, sizes.length - 1);
  const top = 40;
  const bottom = height - 40;
  const rowY = (l: number, j: number) => (sizes[l] === 1 ? (top + bottom) / 2 : top + ((bottom - top) * j) / (sizes[l] - 1));
  const nodes = sizes.flatMap((n, l) => Array.from({ length: n }, (_, j) => ({ id: `n/${l}/${j + 1}`, x: columnX(l), y: rowY(l, j), l })));
  const edges = sizes.slice(1).flatMap((n, k) => {
    const l = k + 1;
    return Array.from({ length: sizes[l - 1] }, (_, i) => Array.from({ length: n }, (_, j) => ({
      id: `e/${l}/${i + 1}/${j + 1}`,
      x1: columnX(l - 1) + NODE_RADIUS, y1: rowY(l - 1, i), x2: columnX(l) - NODE_RADIUS, y2: rowY(l, j),
    }))).flat();
  });
  return { nodes, edges, columnX };
}

export function labelBox(spot: LabelSpot, text: string): Box {
  return { x: spot.x, y: spot.y, w: text.length * LABEL_CHAR_WIDTH + 4, h: LABEL_HEIGHT };
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) * 2 < a.w + b.w + 2 * GAP && Math.abs(a.y - b.y) * 2 < a.h + b.h + 2 * GAP;
}

export function boxCoversNode(box: Box, node: { x: number; y: number }): boolean {
  const dx = Math.max(Math.abs(node.x - box.x) - box.w / 2, 0);
  const dy = Math.max(Math.abs(node.y - box.y) - box.h / 2, 0);
  return dx * dx + dy * dy < (NODE_RADIUS + GAP) ** 2;
}

/**
 * A spot on its link for every labelled link, taken in the order given: the first of SPOTS
 * that is clear of the numbers already placed and of every unit; when none is, the one that
 * covers the fewest.
 */
export function placeEdgeLabels(edges: DiagramEdge[], nodes: DiagramNode[], text: Record<string, string>): Record<string, LabelSpot> {
  const placed: Box[] = [];
  const spots: Record<string, LabelSpot> = {};
  for (const e of edges) {
    const label = text[e.id];
    if (!label) continue;
    let best: { spot: LabelSpot; clashes: number } | null = null;
    for (const t of SPOTS) {
      const spot = { x: e.x2 - (e.x2 - e.x1) * t, y: e.y2 - (e.y2 - e.y1) * t };
      const box = labelBox(spot, label);
      const clashes = placed.filter((p) => boxesOverlap(p, box)).length + nodes.filter((n) => boxCoversNode(box, n)).length;
      if (best === null || clashes < best.clashes) best = { spot, clashes };
      if (clashes === 0) break;
    }
    spots[e.id] = best!.spot;
    placed.push(labelBox(best!.spot, label));
  }
  return spots;
}

/** A bold tabular digit's width, in ems. */
const BOLD_DIGIT_EM = 0.63;

/** A font size (px, in half pixels) at which a unit's number fits inside its circle: 11 when it can, smaller for a long one. */
export function nodeFontSize(text: string): number {
  const room = 2 * NODE_RADIUS - 6;
  return Math.min(11, Math.floor((2 * room) / (Math.max(1, text.length) * BOLD_DIGIT_EM)) / 2);
}

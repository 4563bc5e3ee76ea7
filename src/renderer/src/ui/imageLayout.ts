/**
 * Laying out many small pictures: a grid of cells with a caption under each, for the page and
 * for the exported PNG (which paints the same layout into one canvas).
 */
export interface SheetLayout {
  columns: number;
  rows: number;
  /** Picture side in CSS pixels (square cells; a non-square picture is scaled to fit the width). */
  cell: number;
  gap: number;
  caption: number;
  width: number;
  height: number;
  /** Top-left of each picture. */
  positions: { x: number; y: number }[];
}

export interface SheetOptions { cell: number; gap?: number; caption?: number; maxColumns?: number }

export function sheetLayout(count: number, options: SheetOptions): SheetLayout {
  const gap = options.gap ?? 8;
  const caption = options.caption ?? 0;
  const columns = Math.max(1, Math.min(count, options.maxColumns ?? count));
  const rows = Math.max(1, Math.ceil(count / columns));
  const cell = options.cell;
  const positions = Array.from({ length: count }, (_, i) => ({
    x: gap + (i % columns) * (cell + gap),
    y: gap + Math.floor(i / columns) * (cell + caption + gap),
  }));
  return {
    columns, rows, cell, gap, caption, positions,
    width: gap + columns * (cell + gap),
    height: gap + rows * (cell + caption + gap),
  };
}

/** Integer upscaling keeps pixels square and crisp: the largest whole factor that fits `cell`. */
export function pixelScale(side: number, cell: number): number {
  return Math.max(1, Math.floor(cell / side));
}

/** A file name from words: "feature-vis run 3 hidden layer 1 unit 2" -> "feature-vis-run-3-hidden-layer-1-unit-2.png". */
export function pngName(...words: (string | number)[]): string {
  const slug = words.join(' ').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'image'}.png`;
}

/** One picture of a sheet and what is written under it. */
export interface SheetItem {
  key: string | number;
  values: number[];
  caption?: string;
  detail?: string;
  highlight?: boolean;
}

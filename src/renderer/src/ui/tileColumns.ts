/**
 * How many columns a row of equal tiles gets: as many as fit, but spread over the fewest rows
 * evenly, so six tiles where five fit become two rows of three, never five and one.
 */
export function tileColumns(count: number, width: number, minTile: number, gap: number): number {
  if (count <= 0) return 1;
  const fit = Math.max(1, Math.floor((width + gap) / (minTile + gap)));
  const rows = Math.ceil(count / fit);
  return Math.ceil(count / rows);
}

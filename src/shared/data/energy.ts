/**
 * The lecture's building-energy table: outdoor temperature and occupancy against the
 * energy a building uses. The raw values are kept; the network sees them min-max scaled
 * per column, (v - min) / (max - min), computed from the table itself as the lecture does.
 * resources/examples/energy.csv holds the same table for the CSV import.
 */
import { RowCollector, type RawTable } from './table';

export const ENERGY_INPUT_NAMES = ['outdoor temperature', 'people'] as const;
export const ENERGY_OUTPUT_NAMES = ['energy use'] as const;

/**
 * [outdoor temperature in °C, people in the building, energy use in kWh], five days.
 * Ranges -5..20 °C, 10..50 people, 100..200 kWh, so the lecture's row (5 °C, 30 people,
 * 127 kWh) scales to exactly (0.4, 0.5) -> 0.27.
 */
export const ENERGY_ROWS: readonly (readonly [number, number, number])[] = [
  [-5, 20, 200],
  [5, 30, 127],
  [10, 50, 150],
  [20, 10, 100],
  [15, 40, 110],
];

export function energyTable(): RawTable {
  const rows = new RowCollector(2, 1);
  for (const [temp, people, energy] of ENERGY_ROWS) rows.add([temp, people], [energy]);
  return rows.table();
}

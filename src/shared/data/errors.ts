/**
 * The one error type of the data layer. Its message is meant for the user as it stands
 * ("row 4, column 'people': empty cell"), so the CLI and the API can show it unchanged.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** 1-based row of the input (counting a header row) and the column's name, when the error has a place. */
  readonly row?: number;
  readonly column?: string;

  constructor(message: string, where: { row?: number; column?: string } = {}) {
    super(message);
    this.row = where.row;
    this.column = where.column;
  }
}

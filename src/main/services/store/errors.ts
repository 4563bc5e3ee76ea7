/** Thrown when a stored row cannot be read back (its JSON no longer fits the schema): names the row. No SQLite here, so the CLI can import it. */
export class StoredDataError extends Error {
  override readonly name = 'StoredDataError';
}

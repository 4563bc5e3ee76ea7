/**
 * A number field read as it is typed. `partial`: text on its way to a number ("-", "-0", "1.",
 * "1e") — taking it now would make the field redraw as "0" or "1" under the typist's cursor, so
 * the old value stays until the text is whole (or the field is left). `invalid`: not a number.
 */
export type TypedNumber = { kind: 'number'; value: number } | { kind: 'partial' } | { kind: 'invalid' };

export function typedNumber(text: string, leaving: boolean): TypedNumber {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return leaving || !/^[-+]?\d*\.?\d*(e[-+]?\d*)?$/i.test(t) ? { kind: 'invalid' } : { kind: 'partial' };
  // while typing, only text that reads back as itself ("0.5", "-2"), not "-0", "1.", "1.50", "1e3"
  if (!leaving && String(v) !== t) return { kind: 'partial' };
  return { kind: 'number', value: v };
}

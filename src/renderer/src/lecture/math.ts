/**
 * Readable math without a math library: a tiny markup where `_{..}` is a subscript and
 * `^{..}` a superscript, turned into escaped HTML with <sub>/<sup>. Escaping happens first,
 * so the result is safe for v-html whatever the text holds.
 */
import { escapeHtml } from '../lib/escapeHtml';


/** "w_{12}^{(2)}" → "w<sub>12</sub><sup>(2)</sup>"; nested braces are not supported (none are needed). */
export function mathHtml(text: string): string {
  return escapeHtml(text)
    .replace(/_\{([^{}]*)\}/g, '<sub>$1</sub>')
    .replace(/\^\{([^{}]*)\}/g, '<sup>$1</sup>');
}

/** Numbers as the lecture writes them: `digits` significant digits, trailing zeros dropped, a real minus sign. */
export function lectureNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  let text: string;
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) {
    const [mantissa, exponent] = abs.toExponential(3).split('e');
    text = `${Number(mantissa)}e${exponent}`;
  } else {
    text = Number(abs.toPrecision(digits)).toString();
  }
  return value < 0 && text !== '0' ? `−${text}` : text;
}

/** A number inside a formula: negative values in parentheses so "0.3 · (−0.2)" reads right. */
export function term(value: number, digits = 4): string {
  const text = lectureNumber(value, digits);
  return text.startsWith('−') ? `(${text})` : text;
}

/** "2·x₁ − 1·x₂ + 0.5": a weighted sum written with real minus signs instead of "+ −". */
export function linearExpression(coefficients: readonly number[], names: readonly string[], bias: number, digits = 4): string {
  const parts = coefficients.map((c, i) => ({ c, name: names[i] }));
  let text = '';
  parts.forEach(({ c, name }, i) => {
    const magnitude = `${lectureNumber(Math.abs(c), digits)}·${name}`;
    text += i === 0 ? (c < 0 ? `−${magnitude}` : magnitude) : c < 0 ? ` − ${magnitude}` : ` + ${magnitude}`;
  });
  if (bias !== 0) text += bias < 0 ? ` − ${lectureNumber(-bias, digits)}` : ` + ${lectureNumber(bias, digits)}`;
  return text;
}

/**
 * echarts-gl's post-processing compositor (claygl's createCompositor.js) turns size strings such
 * as "expr([width * dpr / 4, height * dpr / 4])" into functions with `new Function`, which the
 * renderer's Content-Security-Policy (script-src 'self', no 'unsafe-eval') rightly refuses: the
 * 3-D surface then throws "Invalid expression." and stays blank. Rather than loosen the policy
 * for the whole app, this Vite plugin swaps that one call for compileSizeExpression, which reads
 * the only grammar those strings use: width, height, dpr and numbers joined by * and /, alone
 * or as a two-element array.
 */
import type { Plugin } from 'vite';

type SizeFunction = (width: number, height: number, dpr: number) => number | number[];

/** Compiles "width * dpr / 4" or "[width * 1.0 / 2, height / 2]"; throws on anything else. */
export function compileSizeExpression(source: string): SizeFunction {
  const text = source.trim();
  const isArray = text.startsWith('[') && text.endsWith(']');
  const parts = isArray ? text.slice(1, -1).split(',') : [text];
  const terms = parts.map((part) => {
    const tokens = part.trim().split(/\s*([*/])\s*/);
    tokens.forEach((token, k) => {
      const ok = k % 2 === 0 ? /^(width|height|dpr|\d+(\.\d+)?)$/.test(token) : token === '*' || token === '/';
      if (!ok) throw new Error(`unsupported size expression: ${source}`);
    });
    return tokens;
  });
  const operand = (token: string, width: number, height: number, dpr: number): number =>
    token === 'width' ? width : token === 'height' ? height : token === 'dpr' ? dpr : Number(token);
  const evaluate = (tokens: string[], width: number, height: number, dpr: number): number => {
    let value = operand(tokens[0], width, height, dpr);
    for (let k = 1; k < tokens.length; k += 2) {
      const next = operand(tokens[k + 1], width, height, dpr);
      value = tokens[k] === '*' ? value * next : value / next;
    }
    return value;
  };
  return (width, height, dpr) => {
    const values = terms.map((tokens) => evaluate(tokens, width, height, dpr));
    return isArray ? values : values[0];
  };
}

const EVAL_CALL = "new Function('width', 'height', 'dpr', 'return ' + exprRes[1])";

export function echartsGlWithoutEval(): Plugin {
  return {
    name: 'echarts-gl-without-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!/claygl[\\/]src[\\/]createCompositor\.js$/.test(id)) return null;
      if (!code.includes(EVAL_CALL)) this.error(`${id}: the expression compiler changed; update scripts/echartsGlWithoutEval.ts`);
      // a function declaration, so it is hoisted above its use
      return `${code.replace(EVAL_CALL, '__compileSizeExpression(exprRes[1])')}\nfunction __compileSizeExpression(source) { return (${compileSizeExpression.toString()})(source); }\n`;
    },
  };
}

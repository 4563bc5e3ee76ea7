/**
 * How deep parsed JSON nests, checked without recursion, so a file nested thousands deep is
 * refused naming the field instead of overflowing the stack in a schema or JSON.stringify.
 */

/** The field (as "layers[0].bias[0]") under which `json` nests deeper than `maxDepth` objects or arrays, or undefined. */
export function tooDeepField(json: unknown, maxDepth: number): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: json, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return path || '(the file)';
    if (Array.isArray(value)) {
      // numbers are leaves: only objects and arrays are visited (a model's weights are millions of numbers)
      for (let i = value.length - 1; i >= 0; i--) {
        if (typeof value[i] === 'object' && value[i] !== null) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      }
    } else {
      for (const [key, child] of Object.entries(value)) {
        if (typeof child === 'object' && child !== null) stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

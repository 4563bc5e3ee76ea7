/** Bytes as base64, for binary files sent through the JSON API (an ONNX model to `models.import`). */
export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode takes its arguments on the stack: a chunk at a time keeps it under the limit
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let k = 0; k < bytes.length; k += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(k, k + CHUNK)));
  return btoa(parts.join(''));
}

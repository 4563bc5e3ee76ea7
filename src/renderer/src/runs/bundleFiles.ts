/** Bundle files picked or dropped in the Runs view: checked for size, read as base64 for the API. */
import { MAX_BUNDLE_BYTES, tooLargeError } from '../../../shared/api/limits';
import type { BundleImportReport } from '../../../shared/api/bundleDto';

/** The file's bytes as base64, built in slices (String.fromCharCode takes only so many arguments). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const SLICE = 0x8000;
  let binary = '';
  for (let k = 0; k < bytes.length; k += SLICE) binary += String.fromCharCode(...bytes.subarray(k, k + SLICE));
  return btoa(binary);
}

/** Why a file cannot be sent to the app, or null. */
export function bundleFileProblem(file: { name: string; size: number }): string | null {
  if (file.size > MAX_BUNDLE_BYTES) {
    return `${file.name}: ${tooLargeError('the file', file.size, MAX_BUNDLE_BYTES, 'MAX_BUNDLE_BYTES').message}; merge it with: backprop-lab runs import ${file.name}`;
  }
  return null;
}

/** "Merged 2 bundles: 4 runs added, 1 already here. New experiment: grid sweep of spiral." */
export function describeMerge(report: BundleImportReport): string {
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const parts = [`Merged ${n(report.files.length, 'bundle')}: ${n(report.added.length, 'run')} added, ${report.alreadyPresent} already here.`];
  if (report.experimentsAdded.length > 0) parts.push(`New experiment${report.experimentsAdded.length === 1 ? '' : 's'}: ${report.experimentsAdded.join(', ')}.`);
  if (report.linksDropped > 0) parts.push(`${n(report.linksDropped, 'link')} to runs in neither the bundles nor this store cleared.`);
  return parts.join(' ');
}

/**
 * Run bundles' part of the contract (merged in contract.ts): the app writes the runs ticked in
 * the runs table to one bundle file, and merges bundle files the user picks or drops. The files
 * travel as base64 (the transports carry JSON); `runs export`/`runs import` of the CLI read and
 * write them directly and have no size limit.
 */
import { z } from 'zod';
import { MAX_BUNDLE_BYTES } from './limits';
import type { BundleImportReport } from './bundleDto';
import type { ExportedFile } from './trackingDto';

const Id = z.number().int().min(1);

/** base64 is 4 characters per 3 bytes. */
const MAX_BUNDLE_BASE64 = Math.ceil(MAX_BUNDLE_BYTES / 3) * 4;

export const bundleRequestSchemas = {
  /** One bundle file of the runs (spec, metrics, checkpoints, analyses, tags, notes, experiment). */
  'runs.exportBundle': z.object({ ids: z.array(Id).min(1).max(1000) }),
  /** Merges the bundles into the store in one transaction; a bad file refuses them all and changes nothing. */
  'runs.importBundles': z.object({
    files: z.array(z.object({
      name: z.string().min(1).max(255),
      data: z.string().max(MAX_BUNDLE_BASE64, `a bundle sent to the app is at most ${MAX_BUNDLE_BYTES / 2 ** 20} MiB (MAX_BUNDLE_BYTES); merge larger ones with: backprop-lab runs import FILE`),
    })).min(1).max(100),
  }),
} as const;

export interface BundleResponses {
  'runs.exportBundle': ExportedFile;
  'runs.importBundles': BundleImportReport;
}

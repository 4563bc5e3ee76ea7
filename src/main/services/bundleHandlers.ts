/**
 * The app's side of run bundles (bundleContract.ts): the store writes and merges bundle files
 * (store/bundles.ts); these handlers move them through a private temporary folder, since the
 * transports carry the files' bytes as base64. A merge runs on main in one transaction: the
 * app's own connection, so the data folder's lock is never in question.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ApiHandlers } from '../../shared/api/contract';
import type { bundleRequestSchemas } from '../../shared/api/bundleContract';
import type { BundleImportReport } from '../../shared/api/bundleDto';
import { MAX_BUNDLE_BYTES } from '../../shared/api/limits';
import { ApiError, notFound } from './errors';
import type { EventBus } from './events';
import { BUNDLE_FILE_EXTENSION, BundleError, type Store } from './store';
import { version } from '../../../package.json';

/** For the desktop app's File > Import runs… dialog filter. */
export { BUNDLE_FILE_EXTENSION };

type BundleHandlers = Pick<ApiHandlers, keyof typeof bundleRequestSchemas>;

function inTempFolder<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-bundle-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const asBadRequest = <T>(work: () => T): T => {
  try {
    return work();
  } catch (err) {
    if (err instanceof BundleError) throw new ApiError('bad-request', err.message);
    throw err;
  }
};

/**
 * Merges bundle files already on disk (the desktop app's File > Import runs…, or the copies the
 * handler below makes) and tells every window what was merged. `names`: how the user knows the
 * files, for the report and for messages that name one.
 */
export function importBundlePaths(store: Store, bus: EventBus | undefined, paths: readonly string[], names: readonly string[]): BundleImportReport {
  try {
    const report = { ...asBadRequest(() => store.bundles.import([...paths])), files: [...names] };
    bus?.emit('runs.imported', report);
    return report;
  } catch (err) {
    // messages name the temporary copy: name the file the user gave instead
    if (err instanceof ApiError) {
      let message = err.message;
      paths.forEach((p, k) => { message = message.split(p).join(names[k]); });
      throw new ApiError(err.code, message);
    }
    throw err;
  }
}

export function createBundleHandlers(store: Store, bus?: EventBus): BundleHandlers {
  return {
    'runs.exportBundle': ({ ids }) => {
      const missing = ids.filter((id) => !store.runs.get(id));
      if (missing.length > 0) throw notFound(`run${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      return inTempFolder((dir) => {
        const filename = `${ids.length === 1 ? `run-${ids[0]}` : `runs-${ids.length}`}${BUNDLE_FILE_EXTENSION}`;
        const written = asBadRequest(() => store.bundles.export(join(dir, filename), ids, `backprop-lab ${version}`));
        if (written.bytes > MAX_BUNDLE_BYTES) {
          throw new ApiError('too-large', `the bundle of these runs is ${Math.round(written.bytes / 2 ** 20)} MiB; the app hands out at most ${MAX_BUNDLE_BYTES / 2 ** 20} MiB (MAX_BUNDLE_BYTES): export fewer runs, or use: backprop-lab runs export ${ids.join(' ')} --out FILE`);
        }
        return { filename, mimeType: 'application/vnd.sqlite3', encoding: 'base64' as const, data: readFileSync(written.file).toString('base64') };
      });
    },
    'runs.importBundles': ({ files }) => inTempFolder((dir) => {
      const paths = files.map((f, k) => {
        // the name is the user's; only its base name, behind a number, names the temporary file
        const path = join(dir, `${k}-${basename(f.name).replace(/[^\w.-]+/g, '_')}`);
        writeFileSync(path, Buffer.from(f.data, 'base64'));
        return path;
      });
      return importBundlePaths(store, bus, paths, files.map((f) => f.name));
    }),
  };
}

/** What merging run bundles did (`runs import`, the app's Import runs): shown to the user as is. */

/** A run the merge added, by its new id in this store. */
export interface MergedRun { id: number; uid: string; name: string; experiment: string }

export interface BundleImportReport {
  /** The bundle files, by name, in the order they were merged. */
  files: string[];
  /** Runs added, with their new ids. */
  added: MergedRun[];
  /** Runs of the bundles this store already had (recognized by uid): left as they were. */
  alreadyPresent: number;
  /** Experiments (sweeps) the merge created, by name. */
  experimentsAdded: string[];
  /** References to runs or results neither the bundles nor this store hold (a run continued from one never exported): cleared. */
  linksDropped: number;
}

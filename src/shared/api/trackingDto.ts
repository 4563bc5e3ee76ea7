/** Plain data of experiment tracking: the runs table, compare series, sweeps, model export and import. */
import type { ModelFile } from '../model/modelFile';
import type { ExperimentSummary, RunStatus, RunSummary } from './dto';
import type { RunRow } from '../tracking/runs';

export type { CompareSeries, Hyperparams, MetricSummary, RunRow } from '../tracking/runs';

export interface RunsTable {
  rows: RunRow[];
  /** Rows before filter and search (after the experiment and archive choice). */
  total: number;
  /** Every metric name any listed run has, sorted: the table's metric columns. */
  metricNames: string[];
  /** Every hyperparameter path any listed run has, sorted. */
  hyperparamKeys: string[];
}

export interface SweepStarted { experiment: ExperimentSummary; runs: RunSummary[] }

export interface SweepProgress {
  experimentId: number;
  total: number;
  byStatus: Partial<Record<RunStatus, number>>;
  /** Runs with a final status. */
  finished: number;
  /** 0..1: finished runs count whole, active runs by epoch / epochs. */
  fraction: number;
}

/** A file for the user to save: text as UTF-8, binary (ONNX) as base64. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  data: string;
}

/** An imported model file, stored so it can be evaluated or used to start training from. */
export interface ImportedModel {
  id: number;
  name: string;
  createdAt: number;
  inputs: number;
  architecture: string;
  loss: string;
}

export interface ImportedModelDetail extends ImportedModel { model: ModelFile }

/** Defined where it is computed (shared/model/evaluate.ts), the API returns it as is. */
export type { ModelEvaluation } from '../model/evaluate';

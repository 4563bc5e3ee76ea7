/**
 * Feature visualization and hidden representations as the API returns them. The reports
 * themselves are declared with the code that computes them (analysis/featurevis/reportTypes.ts)
 * and re-exported here; this file adds what only the API knows: a run's context and stored results.
 */
import type { CheckpointRef, ImageLayerInfo, InputLayout, LayerInfo, FeatureVisReport, RepresentationReport } from '../analysis/featurevis/reportTypes';

export type { FeatureObjective, FeatureVisSettings, KeepInRange } from '../analysis/featurevis/featureVisSettings';
export type { ChannelLayerDto, ChannelsReport } from '../analysis/featurevis/channelsReport';
export type {
  CheckpointRef, EvolutionFrame, ExampleDto, FeatureVisReport, FeatureVisStartDto, ImageLayerInfo, InputLayout, LayerInfo, PlaneHeatmap,
  RepresentationFrame, RepresentationReport,
} from '../analysis/featurevis/reportTypes';

/** What the feature-visualization and representation views need to know about a run before computing anything. */
export interface FeatureVisContext {
  runId: number;
  runName: string;
  task: 'classification' | 'regression';
  layout: InputLayout;
  inputDim: number;
  layers: LayerInfo[];
  /** A conv net's conv and pool layers (channel objectives, the Channels view); [] for dense nets. */
  imageLayers: ImageLayerInfo[];
  outputNames: string[];
  /** Classes for classification (2 for a single 0/1 output). */
  classes: number | null;
  checkpoints: CheckpointRef[];
  /** Rows per split, so the UI can say how many examples are searched. */
  rows: { train: number; test: number };
  /** For image inputs: each first-layer unit's incoming weights, width x height row-major, and one symmetric scale. */
  weightImages: { images: number[][]; maxAbs: number; checkpoint: CheckpointRef } | null;
}

/** A stored result as the list shows it. */
export interface AnalysisArtifactSummary {
  id: number;
  runId: number;
  createdAt: number;
  label: string;
  checkpoint: CheckpointRef;
}

export interface FeatureVisArtifact extends AnalysisArtifactSummary { report: FeatureVisReport }

export interface RepresentationArtifact extends AnalysisArtifactSummary { report: RepresentationReport }

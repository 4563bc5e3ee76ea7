/**
 * What feature visualization and hidden representations compute, as they cross the API and
 * sit in the artifacts table: plain JSON (number arrays, no typed arrays), small enough to
 * reopen at once. api/featureVisDto.ts re-exports them.
 */
import type { FeatureObjective, FeatureVisSettings } from './featureVisSettings';

/** How a network's input is drawn: a picture, a point on the plane, or a list of named numbers. */
export type InputLayout =
  | { kind: 'image'; width: number; height: number }
  | { kind: 'plane'; names: [string, string] }
  | { kind: 'vector'; names: string[] };

export interface CheckpointRef { id: number; step: number; epoch: number }

/** One layer as the unit picker shows it (index into the engine's layers: 0 = first hidden, last = output). */
export interface LayerInfo { index: number; label: string; units: number; activation: string; output: boolean }

/** One conv or pool layer as the channel picker shows it (index into the engine's image layers; flatten not counted). */
export interface ImageLayerInfo {
  index: number;
  /** "Conv 1 · 8@5×5 relu", "Max pool 1 · 2×2". */
  label: string;
  kind: 'conv' | 'maxpool' | 'avgpool';
  /** The maps it makes: [channels, height, width]. */
  output: [number, number, number];
}

export interface ExampleDto {
  /** Row in the split. */
  index: number;
  activation: number;
  /** The row's input, as the network sees it. */
  x: number[];
  /** The row's class (classification) or null. */
  label: number | null;
}

export interface FeatureVisStartDto {
  inputs: number[][];
  /** The objective's value for each input, without regularizers. */
  values: number[];
  /** J with regularizers. */
  objective: number;
  /** The network's outputs for each input (class probabilities for a softmax or sigmoid output). */
  outputs: number[][];
  /** J before each step and after the last. */
  trajectory: number[];
}

export interface PlaneHeatmap {
  x: { min: number; max: number };
  y: { min: number; max: number };
  /** Cells per side; values are row-major from the bottom row (y = min) up. */
  resolution: number;
  values: number[];
  /** Up to a few hundred training points, for orientation. */
  data: { x: number[][]; label: (number | null)[] };
}

export interface EvolutionFrame {
  checkpoint: CheckpointRef;
  /** The optimized input at that checkpoint (the best of the starts). */
  input: number[];
  value: number;
  outputs: number[];
}

export interface FeatureVisReport {
  objective: FeatureObjective;
  /** "Hidden layer 1, unit 3 (after activation)", "Class 7 (probability)". */
  objectiveLabel: string;
  settings: FeatureVisSettings;
  checkpoint: CheckpointRef;
  layout: InputLayout;
  /** The data's value range over all features: the colour scale of input images. */
  range: { min: number; max: number };
  outputNames: string[];
  classes: number | null;
  starts: FeatureVisStartDto[];
  best: number;
  examples: {
    split: 'train' | 'test';
    /** The activation the "slight" examples sit around (null when the unit is never positive). */
    slightTarget: number | null;
    top: ExampleDto[];
    slight: ExampleDto[];
    bottom: ExampleDto[];
    /** Over the whole split. */
    stats: { min: number; max: number; mean: number; rows: number };
  };
  plane: PlaneHeatmap | null;
  evolution: EvolutionFrame[];
  elapsedMs: number;
}

export interface RepresentationFrame {
  checkpoint: CheckpointRef;
  /** rows x dims, row-major. */
  coordinates: number[];
  /** For PCA: the fraction of variance along each axis. */
  explained: number[] | null;
  /** For PCA: per axis, the units that weigh most in it ("u3 +0.61"). */
  axisUnits: { unit: number; weight: number }[][] | null;
}

export interface RepresentationReport {
  layer: number;
  layerLabel: string;
  units: number;
  preActivation: boolean;
  split: 'train' | 'test';
  /** 'raw': the units' own values (1 or 2 units); 'pca': the top two principal components; 'umap': a UMAP of the units' values. */
  kind: 'raw' | 'pca' | 'umap';
  /** A conv or pool layer's maps instead of a dense layer (index into the image layers). */
  imageLayer?: number;
  /** For UMAP: its settings (the picture depends on them). */
  umap?: { neighbors: number; minDist: number; seed: number; epochs: number };
  dims: number;
  /** Row index in the split of each drawn point. */
  rows: number[];
  /** Class of each point (null for regression). */
  labels: (number | null)[];
  outputNames: string[];
  classes: number | null;
  frames: RepresentationFrame[];
  /** Over all frames, so the slider keeps the axes still. */
  bounds: { x: [number, number]; y: [number, number] };
  elapsedMs: number;
}

/** Loss landscapes, feature visualization, PCA and hidden representations: pure math for the analysis workers. */
export { AnalysisCancelled, type JobControl } from './control';
export { dot, norm, subtract, linspace } from './vectors';
export { symmetricEigen, type SymmetricEigen } from './symmetricEigen';
export { pca, type PcaResult } from './pca';
export { PlaneEvaluator, type PlaneEvaluatorOptions, type PointEvaluation } from './planeEvaluator';
export { gaussianVector, randomDirections, normalizeDirection, type DirectionNormalization, type DirectionOptions } from './directions';
export {
  lossSurface, lossLine, interpolationLine,
  type Interval, type EvaluationOptions, type SurfaceOptions, type LossSurface, type LineOptions, type InterpolationOptions, type LossCurve,
} from './landscape';
export { trajectoryPlane, type TrajectoryPlane, type TrajectoryPlaneOptions } from './trajectory';
export { resolveObjective, type FeatureObjective, type ResolvedObjective } from './objective';
export { totalVariation, shiftImage, TV_EPSILON, type ImageShape, type TotalVariationKind } from './imageOps';
export { RegularizedObjective, type FeatureRegularizers, type Shift, type ObjectiveEvaluation } from './regularizedObjective';
export { featureBounds, clampToBounds, type FeatureBounds } from './bounds';
export { visualizeFeature, type FeatureVisOptions, type FeatureVisStart, type FeatureVisResult } from './featureVis';
export { unitActivations } from './unitActivations';
export { datasetExamples, type DatasetExamples, type Example, type ExampleOptions } from './datasetExamples';
export {
  hiddenRepresentation, firstLayerWeightImages, type Representation, type RepresentationOptions, type WeightImages,
} from './representations';

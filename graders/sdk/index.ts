/**
 * `@unlabeled/sdk`: everything a course's hidden checks import. Defining checks (defineCheck, the Check API), the
 * values that cross the sandbox (HostTensor, tensor(), RngArg), comparing tensors, statistical tests of random
 * processes, artifacts and plots, the public-tests check, seeded data and training (MNIST, shapes, a character
 * corpus, reference models, fitSeeded), and the built-in tasks' types. Read docs/grader-sdk.md.
 *
 * Hidden checks run on the trusted side only; they are compiled when the course loads, with this module and
 * `@tensorflow/tfjs` supplied by the platform (never bundled into the course).
 */
export {
  defineCheck, DEFAULT_LIMITS, EXPERIMENT_WALL_SECONDS, LOAD_SECONDS, MAX_STAGES,
  type AnyCheck, type CheckContext, type CheckDefinition, type CheckLimits, type CheckScore, type ChecksModule, type LeaderboardEntry, type Prepared,
} from "../engine/check";
export { HostTensor, RngArg, tensor, type HostValue, type TensorDType } from "../engine/host-values";
export { compareTensor, describeValue, type Comparison } from "../engine/tensor-checks";
export { centralDifferences } from "../engine/numeric-gradient";
export { imageItem, artifactSchema, type Artifact, type ImageArtifactItem } from "../engine/artifacts";
export { binaryEntropy, chiSquareBounds, dispersion, enoughDraws, entropy, minimumDraws, normalQuantile, serialIndependence, STAT_ALPHA, type TestOutcome } from "../engine/stats";
export { publicTestsCheck, PUBLIC_TEST_IMPORTS } from "../engine/public-tests";
export type { CallInput, CallOutput, CallResult, PublicTestsInput, PublicTestsOutput, TaskName } from "../engine/tasks";
export type { CallInspectInput, CallInspectOutput } from "../engine/language-tasks";
export type { ValueAndGradsInput, ValueAndGradsOutput } from "../engine/clip-ssl-tasks";
export { defineTask, anyNumber, anyValue, hostTensor, type TaskDefinition } from "./task";
export * from "../tf/index";
export {
  BACKBONE_FEATURES, BACKBONE_FILES, BACKBONE_PRETRAIN_DIGITS, backboneFromFiles, buildBackbone, courseModelDir, readBackboneFiles,
  serializeBackbone, type BackboneFiles,
} from "../tf/backbone";
export { encode, linearProbe, probeEncoder, DEFAULT_PROBE, type ProbeOptions } from "../tf/pretrain/probe";

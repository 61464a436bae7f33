/**
 * TF.js support for graders and the sandbox runner: backend selection (with the project's training kernels and
 * start-up self-test), seeded randomness and training, and the data sets. Graders import `@tensorflow/tfjs`
 * directly; call `selectBackend()` once per process before building models.
 */
export {
  selectBackend, activeBackend, wasmBinaryDir, TF_BACKEND_NAMES, type ActiveBackend, type TfBackendName,
} from "./backend";
export { assertSelfTest, assertPinnedVersions, runSelfTest, PINNED_TFJS_VERSION, type SelfTestResult } from "./self-test";
export { registerCpuFixes, registerWasmTrainingKernels } from "./kernels/register";
export { gradingProcessesPerMachine } from "./concurrency";
export { createRng, deriveSeed, normal, permutation, randomInt, shuffleInPlace } from "./rng";
export {
  buildSeeded, evaluateSeeded, fitSeeded, seededInitializer, studentRng, withSeededRandom,
  type Dataset, type EpochLog, type FitSeededOptions, type FitSeededResult, type LossFn, type Metrics,
  type SeededInitializerName,
} from "./seeded";
export {
  gatherDigits, getSplit, imagesOnly, loadMnist, stratifiedSubset, MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, MNIST_SPLITS,
  MNIST_SPLIT_FRACTIONS, MNIST_SPLIT_SEED, type MnistData, type MnistImages, type MnistSplit, type MnistSplitName,
} from "./data/mnist";
export { generateShapes, caption, SHAPE_COLOURS, SHAPE_KINDS, type ShapeAttributes, type ShapesDataset } from "./data/shapes";
export { CORPUS, charVocabulary, corpusSplits, decodeChars, encodeChars, type CharVocabulary } from "./data/corpus";
export { mnistTensors, referenceCnn, referenceMlp, softmaxCrossEntropy } from "./models";

/**
 * The course's pretrained MNIST encoder: its architecture, and reading and writing it in the standard TF.js
 * LayersModel format (model.json + one weights file), so the same files load in the grader (from disk, through
 * tf.io.fromMemory) and in the browser (tf.loadLayersModel over HTTP). Weights are produced by
 * `npm run course -- pretrain` (graders/tf/pretrain/) and committed with the course.
 */
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { MNIST_SIDE } from "./data/mnist";
import { buildSeeded } from "./seeded";

/** conv(16, 3×3) → pool 2 → conv(32, 3×3) → pool 2 → flatten → dense(64, ReLU): [n, 28, 28, 1] → [n, 64]. */
export const BACKBONE_FEATURES = 64;
export const BACKBONE_FILES = { model: "model.json", weights: "weights.bin", card: "card.json" } as const;

export function buildBackbone(seed: number): tf.Sequential {
  return buildSeeded(seed, () =>
    tf.sequential({
      name: "mnist_backbone",
      layers: [
        tf.layers.conv2d({ inputShape: [MNIST_SIDE, MNIST_SIDE, 1], filters: 16, kernelSize: 3, activation: "relu", name: "conv1" }),
        tf.layers.maxPooling2d({ poolSize: 2, name: "pool1" }),
        tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu", name: "conv2" }),
        tf.layers.maxPooling2d({ poolSize: 2, name: "pool2" }),
        tf.layers.flatten({ name: "flatten" }),
        tf.layers.dense({ units: BACKBONE_FEATURES, activation: "relu", name: "features" }),
      ],
    }),
  );
}

export interface BackboneFiles {
  modelJson: string;
  weights: Uint8Array;
}

/** The model as model.json text (topology + manifest pointing at weights.bin) and the weights' bytes. */
export async function serializeBackbone(model: tf.LayersModel): Promise<BackboneFiles> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
  }));
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a?.weightData || !a.weightSpecs) throw new Error("serializeBackbone: the model saved no weights");
  const weights = new Uint8Array(a.weightData as ArrayBuffer);
  const json = {
    format: "layers-model",
    generatedBy: "unlabeled pretrain",
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [`./${BACKBONE_FILES.weights}`], weights: a.weightSpecs }],
  };
  return { modelJson: `${JSON.stringify(json)}\n`, weights };
}

/** Loads the backbone from model.json + weights.bin text/bytes (a fresh model each call: callers may train it). */
export async function backboneFromFiles(files: BackboneFiles): Promise<tf.LayersModel> {
  const json = JSON.parse(files.modelJson) as { modelTopology: tf.io.ModelArtifacts["modelTopology"]; weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }> };
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const bytes = files.weights.buffer.slice(files.weights.byteOffset, files.weights.byteOffset + files.weights.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: bytes }));
}

export function readBackboneFiles(dir: string): BackboneFiles {
  return {
    modelJson: fs.readFileSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, BACKBONE_FILES.model), "utf8"),
    weights: new Uint8Array(fs.readFileSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, BACKBONE_FILES.weights))),
  };
}

export function writeBackboneFiles(dir: string, files: BackboneFiles): void {
  fs.mkdirSync(/* turbopackIgnore: true */ dir, { recursive: true });
  fs.writeFileSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, BACKBONE_FILES.model), files.modelJson);
  fs.writeFileSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, BACKBONE_FILES.weights), files.weights);
}

/**
 * The data contract of the backbone: it is pretrained (without labels) on the first BACKBONE_PRETRAIN_DIGITS digits
 * of the train split, in that split's fixed order. Graders that fine-tune it draw labelled digits from the rest of
 * the train split only, and test on the test splits, so no digit a grading or test uses was seen in pretraining.
 */
export const BACKBONE_PRETRAIN_DIGITS = 4000;

/** The folder of a course model, from an assignment folder (<course>/assignments/<slug> → <course>/models/<name>). */
export function courseModelDir(assignmentDir: string, name: string): string {
  return path.join(assignmentDir, "..", "..", "models", name);
}

/**
 * `npm run course -- pretrain`: reproduces the course's pretrained MNIST backbone from scratch on the CPU. It
 * pretrains the encoder without labels on the first BACKBONE_PRETRAIN_DIGITS digits of the train split, measures a
 * linear probe (labels of the rest of the train split, tested on the validation split) against the same encoder
 * randomly initialised, and writes model.json + weights.bin + card.json into the course's models/mnist-backbone.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { getSplit, selectBackend } from "../../graders/tf";
import { BACKBONE_FEATURES, BACKBONE_FILES, BACKBONE_PRETRAIN_DIGITS, buildBackbone, serializeBackbone, writeBackboneFiles } from "../../graders/tf/backbone";
import { probeEncoder } from "../../graders/tf/pretrain/probe";
import { DEFAULT_PRETRAIN, pretrain, type PretrainOptions } from "../../graders/tf/pretrain/simclr";
import { courseSource } from "../../lib/content/course-root";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

export interface BackboneCard {
  name: string;
  method: PretrainOptions["method"];
  architecture: string;
  features: number;
  data: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number | null;
  seed: number;
  backend: string;
  tfjs: string;
  seconds: number;
  finalLoss: number;
  linearProbe: { train: string; test: string; accuracy: number; randomInitAccuracy: number };
  sha256: string;
}

function int(flags: Record<string, string | boolean>, name: string, fallback: number, min: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${v}'`);
  return n;
}

export const pretrainCommand: CliCommand = {
  name: "pretrain",
  summary: "Reproduce the course's pretrained MNIST backbone (self-supervised, CPU) and its card",
  usage: "pretrain [--method simclr|rotation] [--epochs 20] [--seed 1] [--out DIR] [--digits 4000]\n" +
    "  writes model.json, weights.bin and card.json to DIR (default: <course>/models/mnist-backbone)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["method", "epochs", "seed", "out", "digits"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const method = (flags.method ?? "simclr") as string;
    if (method !== "simclr" && method !== "rotation") throw new UsageError(`--method must be simclr or rotation, got '${method}'`);
    const epochs = int(flags, "epochs", 20, 1);
    const seed = int(flags, "seed", 1, 0);
    const digits = int(flags, "digits", BACKBONE_PRETRAIN_DIGITS, 256);
    if (digits > BACKBONE_PRETRAIN_DIGITS) throw new UsageError(`--digits may not exceed ${BACKBONE_PRETRAIN_DIGITS}: the rest of the train split is reserved for fine-tuning`);
    const out = path.resolve(typeof flags.out === "string" ? flags.out : path.join(courseSource(), "models", "mnist-backbone"));
    const backend = await selectBackend();
    const train = getSplit("train");
    const images = train.images.subarray(0, digits * 784);
    const labelled = { images: train.images.subarray(BACKBONE_PRETRAIN_DIGITS * 784), labels: train.labels.subarray(BACKBONE_PRETRAIN_DIGITS), count: train.count - BACKBONE_PRETRAIN_DIGITS };
    const validation = getSplit("validation");
    const opts: PretrainOptions = { ...DEFAULT_PRETRAIN, method, epochs, seed };
    console.log(`pretraining the backbone with ${method} on ${digits} unlabelled train digits, ${epochs} epochs, seed ${seed}, backend ${backend.detail}`);
    const encoder = buildBackbone(seed);
    const start = performance.now();
    const losses = await pretrain(encoder, images, digits, {
      ...opts,
      onEpoch: (e, loss) => console.log(`  epoch ${e}/${epochs}: loss ${loss.toFixed(4)} (${((performance.now() - start) / 1000).toFixed(0)} s)`),
    });
    const seconds = (performance.now() - start) / 1000;
    const accuracy = probeEncoder(encoder, labelled, validation);
    const random = buildBackbone(seed);
    const randomInitAccuracy = probeEncoder(random, labelled, validation);
    for (const w of random.weights) w.dispose();
    const files = await serializeBackbone(encoder);
    writeBackboneFiles(out, files);
    const card: BackboneCard = {
      name: "mnist-backbone",
      method,
      architecture: "conv(16, 3×3, ReLU) → max-pool 2 → conv(32, 3×3, ReLU) → max-pool 2 → flatten → dense(64, ReLU); input [n, 28, 28, 1] in [0, 1]",
      features: BACKBONE_FEATURES,
      data: `the first ${digits} digits of the MNIST train split (course split seed), without labels; fine-tuning and tests use other digits only`,
      epochs,
      batchSize: opts.batchSize,
      learningRate: opts.learningRate,
      temperature: method === "simclr" ? opts.temperature : null,
      seed,
      backend: backend.detail,
      tfjs: tf.version.tfjs,
      seconds: Math.round(seconds),
      finalLoss: losses[losses.length - 1]!,
      linearProbe: {
        train: `${labelled.count} labelled train digits (indices ${BACKBONE_PRETRAIN_DIGITS}…${train.count - 1} of the train split)`,
        test: `the validation split (${validation.count} digits)`,
        accuracy,
        randomInitAccuracy,
      },
      sha256: createHash("sha256").update(files.weights).digest("hex"),
    };
    fs.writeFileSync(path.join(out, BACKBONE_FILES.card), `${JSON.stringify(card, null, 2)}\n`);
    console.log(`linear probe: ${(100 * accuracy).toFixed(1)}% pretrained, ${(100 * randomInitAccuracy).toFixed(1)}% randomly initialised`);
    console.log(`wrote ${path.relative(process.cwd(), out).startsWith("..") ? out : path.relative(process.cwd(), out)}/{${Object.values(BACKBONE_FILES).join(",")}} (${files.weights.length} bytes of weights, ${Math.round(seconds)} s of pretraining)`);
    return 0;
  },
};

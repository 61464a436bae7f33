/**
 * The course's pretrained backbone: the committed files match their card, load in the grader's format, and
 * `course pretrain` is reproducible (the same seed gives bitwise the same weights, another seed other weights).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { getSplit, selectBackend } from "@/graders/tf";
import { BACKBONE_FEATURES, backboneFromFiles, buildBackbone, readBackboneFiles, serializeBackbone } from "@/graders/tf/backbone";
import { pretrain } from "@/graders/tf/pretrain/simclr";
import { ntXent } from "@/graders/tf/pretrain/simclr";
import { readCourseModelFile } from "@/lib/content/course-models";
import { pretrainCommand } from "@/scripts/course/pretrain";

const DIR = "content/models/mnist-backbone";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  await selectBackend();
});

describe("the committed backbone", () => {
  test("its card names the method, the data and the hash of weights.bin", () => {
    const card = JSON.parse(readFileSync(`${DIR}/card.json`, "utf8"));
    const files = readBackboneFiles(DIR);
    expect(card.sha256).toBe(sha(files.weights));
    expect(card.method).toBe("simclr");
    expect(card.features).toBe(BACKBONE_FEATURES);
    expect(card.linearProbe.accuracy).toBeGreaterThan(card.linearProbe.randomInitAccuracy);
    expect(files.weights.length).toBeLessThan(512 * 1024);
  });

  test("loads from its files and maps digits to 64 features, as a fresh model each time", async () => {
    const files = readBackboneFiles(DIR);
    const a = await backboneFromFiles(files);
    const b = await backboneFromFiles(files);
    const x = tf.tensor4d(getSplit("validation").images.subarray(0, 4 * 784), [4, 28, 28, 1]);
    const fa = a.predict(x) as tf.Tensor;
    expect(fa.shape).toEqual([4, BACKBONE_FEATURES]);
    expect(Array.from(fa.dataSync())).toEqual(Array.from((b.predict(x) as tf.Tensor).dataSync()));
    a.layers[0]!.setWeights(a.layers[0]!.getWeights().map((w) => tf.zerosLike(w)));
    expect(Array.from((b.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(fa.dataSync()));
  });

  test("is served by exact name only", () => {
    expect(readCourseModelFile("mnist-backbone", "model.json", "content")?.contentType).toBe("application/json");
    expect(readCourseModelFile("mnist-backbone", "weights.bin", "content")?.body.length).toBe(readFileSync(`${DIR}/weights.bin`).length);
    expect(readCourseModelFile("mnist-backbone", "../course.yaml", "content")).toBeNull();
    expect(readCourseModelFile("..", "model.json", "content")).toBeNull();
    expect(readCourseModelFile("mnist-backbone", "solution.ts", "content")).toBeNull();
  });
});

describe("pretraining", () => {
  const digits = getSplit("train").images.subarray(0, 512 * 784);
  const weightsAfter = async (seed: number) => {
    const model = buildBackbone(seed);
    await pretrain(model, digits, 512, { method: "simclr", epochs: 1, batchSize: 256, learningRate: 2e-3, temperature: 0.2, seed });
    return sha((await serializeBackbone(model)).weights);
  };

  test("is bitwise reproducible for a seed and differs between seeds", { timeout: 60_000 }, async () => {
    const one = await weightsAfter(1);
    expect(await weightsAfter(1)).toBe(one);
    expect(await weightsAfter(2)).not.toBe(one);
  });

  test("NT-Xent: zero-ish for perfectly separated views at low temperature, log(2N − 1) for identical rows", () => {
    const eye = tf.eye(4) as tf.Tensor2D;
    expect(ntXent(eye, eye, 0.01).dataSync()[0]).toBeLessThan(1e-6);
    const same = tf.ones([3, 2]) as tf.Tensor2D;
    expect(ntXent(same, same, 1).dataSync()[0]).toBeCloseTo(Math.log(5), 5);
  });

  test("the command refuses bad options with a clear message", async () => {
    await expect(pretrainCommand.run(["--method", "mae"])).rejects.toThrow(/--method must be simclr or rotation/);
    await expect(pretrainCommand.run(["--digits", "5000"])).rejects.toThrow(/may not exceed 4000/);
    await expect(pretrainCommand.run(["--epochs", "0"])).rejects.toThrow(/--epochs must be an integer ≥ 1/);
  });
});

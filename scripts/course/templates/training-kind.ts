/**
 * `course new assignment SLUG --kind training`: an assignment whose experiment trains a model inside the sandbox.
 * The example is the second half of "pretrain, then fine-tune": a linear probe trained on frozen features, scored
 * on held-out examples whose labels only the trusted side holds. A cheap shape check runs first; the training
 * experiment is skipped (0 points, with the reason) when it fails.
 */
import type { AssignmentTemplate } from "./types";

export function trainingAssignment(slug: string, title: string, due: string): AssignmentTemplate {
  return {
    "assignment.yaml": `# ${slug}: the public part of the assignment. Points live here, in the rubric, and nowhere else.
# TODO(author): set the title, summary, due date and quota; give each check of hidden/checks.ts its points.
title: "${title}"
summary: >-
  Train a linear probe on frozen features: the fine-tuning half of "pretrain, then fine-tune".
points: 10
pass_threshold: 0.7
due: ${due}
late_policy: null
quota:
  daily: 10
  cooldown_seconds: 60
rubric:
  - check: public-tests
    points: 0
  - check: predicts-labels
    points: 2
  - check: probe-accuracy
    points: 8
`,
    "README.mdx": `---
title: "${title}"
---

A pretrained encoder turns each example into a feature vector; a **linear probe** is the simplest way to adapt
it to a labelled task: keep the encoder frozen and train one linear layer with a softmax on top (the evaluation
protocol of, for example, SimCLR: Chen et al., 2020). In \`starter.ts\`, implement

\`\`\`ts
export async function trainProbe(features: tf.Tensor2D, labels: tf.Tensor1D, test: tf.Tensor2D): Promise<tf.Tensor1D>
\`\`\`

\`features\` holds one frozen feature vector per training example and \`labels\` its class (an \`int32\` from 0 to
3). Train a linear classifier on them and return the predicted class of every row of \`test\` (\`int32\`, one
per row). The grader scores your predictions against labels it never shows you.

## How it is graded

| Check | Points | Shown |
| --- | --- | --- |
| Public tests | 0 | yes |
| Returns one class per test example | 2 | yes |
| Test accuracy of at least 85% | 8 | yes |
`,
    "starter.ts": `// TODO(author): the code students start from. It must compile and must fail the checks (course check tells you).
import * as tf from "@tensorflow/tfjs";

export async function trainProbe(features: tf.Tensor2D, labels: tf.Tensor1D, test: tf.Tensor2D): Promise<tf.Tensor1D> {
  // Your code here: train a dense softmax layer on (features, labels), then predict the classes of test.
  return tf.zeros([test.shape[0]], "int32");
}
`,
    "public.test.ts": `// TODO(author): public tests, run in the browser by the student ("Run tests") and informational in grading.
import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { trainProbe } from "./starter";

test("returns one int32 class per test example", async () => {
  const features = tf.tensor2d([[1, 0], [0, 1], [1, 0.1], [0.1, 1]]);
  const labels = tf.tensor1d([0, 1, 0, 1], "int32");
  const out = await trainProbe(features, labels, tf.tensor2d([[1, 0], [0, 1], [0.9, 0]]));
  expect(out).toHaveShape([3]);
});
`,
    "hidden/data.ts": `/**
 * Hidden: the frozen features of ${slug}, generated in code from the grading seed (four Gaussian clusters in 16
 * dimensions). The test labels never leave the trusted side.
 * TODO(author): your own data (the SDK also has seeded MNIST digits: loadMnist, getSplit).
 */
import { createRng, normal, tensor, type HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-${slug}-data";

export const CLASSES = 4;
const DIM = 16;

export interface ProbeData {
  features: HostTensor;
  labels: HostTensor;
  test: HostTensor;
  testLabels: number[];
}

export function probeData(seed: number, train: number, heldOut: number): ProbeData {
  const gauss = normal(createRng(seed));
  const centres = Array.from({ length: CLASSES }, () => Array.from({ length: DIM }, () => 2.5 * gauss()));
  const draw = (n: number) => {
    const labels = Array.from({ length: n }, (_, i) => i % CLASSES);
    const values = labels.flatMap((y) => centres[y]!.map((c) => c + gauss()));
    return { x: tensor(values, [n, DIM]), y: labels };
  };
  const a = draw(train);
  const b = draw(heldOut);
  return { features: a.x, labels: tensor(a.y, [train], "int32"), test: b.x, testLabels: b.y };
}
`,
    "hidden/checks.ts": `/**
 * Hidden: the checks of ${slug}. Trusted code: the sandbox trains the student's probe and returns raw predictions;
 * the accuracy against the hidden labels is computed here.
 * TODO(author): replace the data, the bar and the feedback with your own.
 */
import { defineCheck, HostTensor, publicTestsCheck, type AnyCheck } from "@unlabeled/sdk";
import { CLASSES, probeData } from "./data";

export const CANARY = "unlabeled-hidden-${slug}-checks";

/** The required test accuracy. The reference reaches about 0.99 on these clusters; predicting one class gives 0.25. */
const BAR = 0.85;

function labelsOf(value: unknown, n: number): number[] | string {
  if (!(value instanceof HostTensor)) return "trainProbe did not return a tensor";
  if (value.shape.length !== 1 || value.shape[0] !== n) return \`returned shape [\${value.shape.join(", ")}] instead of [\${n}]\`;
  const labels = Array.from(value.data as ArrayLike<number>, Number);
  if (!labels.every((y) => Number.isInteger(y) && y >= 0 && y < CLASSES)) return \`returned values that are not classes 0 to \${CLASSES - 1}\`;
  return labels;
}

const predictsLabels = defineCheck({
  id: "predicts-labels",
  title: "Returns one class per test example",
  visibility: "visible",
  limits: { wallSeconds: 15 },
  task: "call",
  prepare: (ctx) => {
    const d = probeData(ctx.seed, 16, 8);
    return { input: { export: "trainProbe", calls: [{ args: [d.features, d.labels, d.test] }] }, hidden: null };
  },
  score: (output) => {
    const labels = labelsOf(output.calls[0]?.value, 8);
    return typeof labels === "string" ? { fraction: 0, feedback: labels } : { fraction: 1, feedback: "One class from 0 to 3 per test example." };
  },
});

const probeAccuracy = defineCheck({
  id: "probe-accuracy",
  title: \`Test accuracy of at least \${BAR * 100}%\`,
  visibility: "visible",
  // A training experiment: graded after every cheap check of the queue (two-phase grading), skipped when
  // predicts-labels failed.
  limits: { wallSeconds: 60, cpuSeconds: 120 },
  dependsOn: ["predicts-labels"],
  task: "call",
  prepare: (ctx) => {
    const d = probeData(ctx.seed, 400, 400);
    return { input: { export: "trainProbe", calls: [{ args: [d.features, d.labels, d.test] }] }, hidden: d.testLabels };
  },
  score: (output, truth) => {
    const labels = labelsOf(output.calls[0]?.value, truth.length);
    if (typeof labels === "string") return { fraction: 0, feedback: labels };
    const accuracy = labels.filter((y, i) => y === truth[i]).length / truth.length;
    const shown = \`\${(accuracy * 100).toFixed(1)}%\`;
    return accuracy >= BAR
      ? { fraction: 1, feedback: \`Test accuracy \${shown} (at least \${BAR * 100}% needed).\` }
      : { fraction: 0, feedback: \`Test accuracy \${shown}; at least \${BAR * 100}% is needed. Does the probe train long enough, with a learning rate that moves?\` };
  },
});

export const checks: AnyCheck[] = [publicTestsCheck(), predictsLabels, probeAccuracy];
`,
    "hidden/solution.ts": `// Hidden: the reference solution of ${slug}. course check grades it and requires 100%.
// TODO(author): your own reference solution.
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-${slug}-solution";

export async function trainProbe(features: tf.Tensor2D, labels: tf.Tensor1D, test: tf.Tensor2D): Promise<tf.Tensor1D> {
  const classes = 4;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [features.shape[1]], units: classes, activation: "softmax" })] });
  model.compile({ optimizer: tf.train.adam(0.05), loss: "sparseCategoricalCrossentropy" });
  const y = labels.toFloat();
  await model.fit(features, y, { epochs: 30, batchSize: 32, shuffle: true, verbose: 0 });
  y.dispose();
  const predicted = tf.tidy(() => (model.predict(test) as tf.Tensor2D).argMax(1) as tf.Tensor1D);
  model.dispose();
  return predicted;
}
`,
  };
}

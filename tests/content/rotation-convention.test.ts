/**
 * The rotation code the self-supervised-learning lesson shows, and the rotation demo, turn the way the ssl-pretext
 * assignment grades: k quarter turns counter-clockwise, row 0 at the top, k = 1 gives out[i][j] = in[j][n − 1 − i].
 * The lesson's code block is taken from the MDX file, compiled and run, so the text cannot drift from the convention.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { quarterTurn as demoQuarterTurn, rotateBy, rotationBatch, rotationDistances } from "@/components/demos/rotation-math";
import { rotate as gradedRotate } from "@/content/assignments/ssl-pretext/hidden/rotations";

type Turn = (images: tf.Tensor4D) => tf.Tensor4D;

/** The ```ts block of the lesson that defines quarterTurn, compiled to JavaScript and evaluated with the real tf. */
function lessonQuarterTurn(): { source: string; turn: Turn } {
  const mdx = readFileSync("content/lessons/self-supervised-learning.mdx", "utf8");
  const blocks = [...mdx.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const source = blocks.find((b) => /\bquarterTurn\b/.test(b));
  if (!source) throw new Error("the lesson has no ts code block defining quarterTurn");
  const js = ts.transpileModule(`${source}\nexport { quarterTurn };`, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const module = { exports: {} as { quarterTurn?: Turn } };
  const require = (name: string) => {
    if (name !== "@tensorflow/tfjs") throw new Error(`the snippet imports ${name}`);
    return tf;
  };
  new Function("require", "module", "exports", js)(require, module, module.exports);
  if (typeof module.exports.quarterTurn !== "function") throw new Error("quarterTurn is not a function");
  return { source, turn: module.exports.quarterTurn };
}

/** A 3×3 one-channel image with nine different values: no rotation or mirror of it equals another. */
const GRID = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
];
const asImage = (rows: number[][]) => tf.tensor4d(rows.flat(), [1, rows.length, rows.length, 1]);
const asRows = (t: tf.Tensor4D) => (t.arraySync() as number[][][][])[0]!.map((row) => row.map((px) => px[0]!));

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("rotation convention (ssl-pretext)", () => {
  const turns: [string, () => Turn][] = [
    ["the lesson's code block", () => lessonQuarterTurn().turn],
    ["the rotation demo", () => demoQuarterTurn],
  ];

  test.each(turns)("%s: one quarter turn is counter-clockwise, out[i][j] = in[j][n − 1 − i]", (_, get) => {
    const turn = get();
    // The right-most column (2, 5, 8) comes on top; the clockwise turn would give [[6, 3, 0], [7, 4, 1], [8, 5, 2]].
    expect(asRows(turn(asImage(GRID)))).toEqual([
      [2, 5, 8],
      [1, 4, 7],
      [0, 3, 6],
    ]);
  });

  test.each(turns)("%s: k turns agree with the grader's rotations for k = 0…3 on a 4×4×2 image", (_, get) => {
    const turn = get();
    const side = 4;
    const channels = 2;
    const data = Array.from({ length: side * side * channels }, (_, i) => (i * 37) % 101);
    let current = tf.tensor4d(data, [1, side, side, channels]);
    for (let k = 0; k < 4; k++) {
      expect(Array.from(current.dataSync()), `k = ${k}`).toEqual(Array.from(gradedRotate({ side, channels, data }, k)));
      current = turn(current);
    }
  });

  test("the lesson's text says counter-clockwise and gives the same formula as the assignment's README", () => {
    const { source } = lessonQuarterTurn();
    expect(source).toMatch(/\/\*\* Rotates every image[^\n]*counter-clockwise/);
    const readme = readFileSync("content/assignments/ssl-pretext/README.mdx", "utf8");
    expect(readme).toContain("out[i][j] = in[j][n − 1 − i]");
    expect(readFileSync("content/lessons/self-supervised-learning.mdx", "utf8")).toContain("\\text{out}_{i,j} = \\text{in}_{j,\\,n-1-i}");
  });

  test("the demo's batch: labels are floor(rng() · 4), each image turned by its own k", () => {
    const values = [0.1, 0.3, 0.6, 0.9, 0.26];
    let i = 0;
    const images = tf.concat([asImage(GRID), asImage(GRID.map((r) => r.map((v) => v + 10))), asImage(GRID), asImage(GRID), asImage(GRID)]) as tf.Tensor4D;
    const { x, y, ks } = rotationBatch(tf, images, () => values[i++]!);
    expect(ks).toEqual([0, 1, 2, 3, 1]);
    expect(Array.from(y.dataSync())).toEqual(ks);
    expect(y.dtype).toBe("int32");
    const each = tf.split(x, 5, 0) as tf.Tensor4D[];
    ks.forEach((k, j) => expect(Array.from(each[j]!.dataSync())).toEqual(Array.from(rotateBy(tf, tf.slice(images, [j, 0, 0, 0], [1, 3, 3, 1]) as tf.Tensor4D, k).dataSync())));
    expect(asRows(each[1]!)).toEqual([
      [12, 15, 18],
      [11, 14, 17],
      [10, 13, 16],
    ]);
  });

  test("rotationDistances finds the labels a symmetric image cannot tell apart", () => {
    const plus = asImage([
      [0, 1, 0],
      [1, 1, 1],
      [0, 1, 0],
    ]);
    const bar = asImage([
      [0, 1, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(rotationDistances(tf, plus).flat().every((d) => d < 1e-6)).toBe(true); // all four turns look the same
    const d = rotationDistances(tf, bar);
    expect(d[0]![2]).toBeLessThan(1e-6); // a half turn of a bar is the bar
    expect(d[0]![1]).toBeGreaterThan(0.5);
    expect(rotationDistances(tf, asImage(GRID))[0]!.slice(1).every((v) => v > 1)).toBe(true);
  });
});

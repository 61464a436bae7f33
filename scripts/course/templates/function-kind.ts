/**
 * `course new assignment SLUG --kind function`: an assignment that grades one exported function on inputs built
 * in trusted code. The example asks for row-wise L2 normalisation of embeddings (what CLIP-style contrastive
 * models do before comparing embeddings); every file says what to change for your own assignment.
 */
import type { AssignmentTemplate } from "./types";

export function functionAssignment(slug: string, title: string, due: string): AssignmentTemplate {
  return {
    "assignment.yaml": `# ${slug}: the public part of the assignment. Points live here, in the rubric, and nowhere else.
# TODO(author): set the title, summary, due date and quota; give each check of hidden/checks.ts its points.
title: "${title}"
summary: >-
  Write normalizeRows(x), which scales every row of a matrix of embeddings to unit length.
points: 10
pass_threshold: 0.7
due: ${due}
late_policy: null
quota:
  daily: 20
  cooldown_seconds: 0
rubric:
  - check: public-tests
    points: 0
  - check: unit-rows
    points: 6
  - check: zero-rows
    points: 2
  - check: random-matrices
    points: 2
    visibility: hidden
`,
    "README.mdx": `---
title: "${title}"
---

Contrastive models such as CLIP (Radford et al., 2021) compare embeddings by their cosine similarity, which is
the dot product of two vectors scaled to length one. In \`starter.ts\`, implement

\`\`\`ts
export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D
\`\`\`

It returns a **new** tensor of the same shape in which every row has Euclidean length 1. A row of zeros has no
direction: it stays a row of zeros (divide by \`max(norm, 1e-12)\`). Do not dispose \`x\`.

## How it is graded

| Check | Points | Shown |
| --- | --- | --- |
| Public tests | 0 | yes |
| Every row has length 1 and keeps its direction | 6 | yes |
| Rows of zeros stay zeros | 2 | yes |
| Random matrices | 2 | hidden |
`,
    "starter.ts": `// TODO(author): the code students start from. It must compile and must fail the checks (course check tells you).
import * as tf from "@tensorflow/tfjs";

export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  // Your code here: divide each row by its Euclidean length.
  return x.clone();
}
`,
    "public.test.ts": `// TODO(author): public tests, run in the browser by the student ("Run tests") and informational in grading.
import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { normalizeRows } from "./starter";

test("scales a row to length one", () => {
  const out = normalizeRows(tf.tensor2d([[3, 4]]));
  expect(out).toHaveShape([1, 2]);
  expect(out).toAllClose([[0.6, 0.8]]);
});
`,
    "hidden/checks.ts": `/**
 * Hidden: the checks of ${slug}. Trusted code: it builds the inputs, computes the expected values and scores what
 * the student's function returned. Nothing here reaches a browser or the sandbox except the inputs.
 * TODO(author): replace the cases and the reference with your own; keep one defineCheck per rubric item.
 */
import { compareTensor, defineCheck, publicTestsCheck, tensor, type AnyCheck, type CheckScore, type HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-${slug}-checks";

/** The expected output, computed here on the trusted side (plain arithmetic, no student code). */
function reference(x: HostTensor): HostTensor {
  const [rows, cols] = x.shape as [number, number];
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => Number(x.data[r * cols + c]));
    const norm = Math.max(Math.hypot(...row), 1e-12);
    out.push(...row.map((v) => v / norm));
  }
  return tensor(out, [rows, cols]);
}

function scoreAll(values: unknown[], inputs: HostTensor[], reveal: boolean): CheckScore {
  const problems: string[] = [];
  inputs.forEach((x, i) => {
    const result = compareTensor(values[i] as HostTensor, reference(x), { atol: 1e-4, reveal });
    if (!result.ok) problems.push(\`case \${i + 1} (shape [\${x.shape.join(", ")}]): \${result.reason}\`);
  });
  const right = inputs.length - problems.length;
  return { fraction: right / inputs.length, feedback: [\`\${right} of \${inputs.length} cases are right.\`, ...problems.slice(0, 5)].join("\\n") };
}

function calls(inputs: HostTensor[]) {
  return { export: "normalizeRows", calls: inputs.map((x) => ({ args: [x] })) };
}

const fixed = [tensor([[3, 4]]), tensor([[1, 0, 0], [0, -2, 0], [1, 1, 1]]), tensor([[1e-3, 2e-3], [-5, 12]])];

const unitRows = defineCheck({
  id: "unit-rows",
  title: "Every row has length 1 and keeps its direction",
  visibility: "visible",
  task: "call",
  prepare: () => ({ input: calls(fixed), hidden: fixed }),
  score: (output, inputs) => scoreAll(output.calls.map((c) => c.value), inputs, true),
});

const zeros = [tensor([[0, 0, 0]]), tensor([[0, 0], [3, 4]])];

const zeroRows = defineCheck({
  id: "zero-rows",
  title: "Rows of zeros stay zeros",
  visibility: "visible",
  dependsOn: ["unit-rows"],
  task: "call",
  prepare: () => ({ input: calls(zeros), hidden: zeros }),
  score: (output, inputs) => scoreAll(output.calls.map((c) => c.value), inputs, true),
});

const randomMatrices = defineCheck({
  id: "random-matrices",
  title: "Random matrices",
  visibility: "hidden",
  dependsOn: ["unit-rows"],
  task: "call",
  // ctx.rng is seeded per grading: the same submission gets the same cases when it is regraded.
  prepare: (ctx) => {
    const inputs = Array.from({ length: 8 }, () => {
      const rows = 1 + Math.floor(ctx.rng() * 6);
      const cols = 1 + Math.floor(ctx.rng() * 6);
      return tensor(Array.from({ length: rows * cols }, () => ctx.rng() * 20 - 10), [rows, cols]);
    });
    return { input: calls(inputs), hidden: inputs };
  },
  score: (output, inputs) => scoreAll(output.calls.map((c) => c.value), inputs, false),
});

export const checks: AnyCheck[] = [publicTestsCheck(), unitRows, zeroRows, randomMatrices];
`,
    "hidden/solution.ts": `// Hidden: the reference solution of ${slug}. course check grades it and requires 100%.
// TODO(author): your own reference solution.
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-${slug}-solution";

export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => x.div(x.norm("euclidean", 1, true).maximum(1e-12)));
}
`,
  };
}

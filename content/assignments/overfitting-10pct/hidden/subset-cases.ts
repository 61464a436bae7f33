/** Hidden: the label sets stratifiedSubset is called on, and the trusted validation of what it returns. */
import { createRng, getSplit, permutation, type HostValue } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-overfitting-10pct-subset-cases";

export interface SubsetCase {
  labels: number[];
  fraction: number;
}

function fromSizes(sizes: Record<number, number>, seed: number): number[] {
  const labels = Object.entries(sizes).flatMap(([label, count]) => Array<number>(count).fill(Number(label)));
  const order = permutation(labels.length, createRng(seed));
  return Array.from(order, (i) => labels[i]!);
}

/** The 6,000 labels of the training split, as plain numbers. */
export function trainLabels(): number[] {
  return Array.from(getSplit("train").labels);
}

/** Balanced, imbalanced, tiny classes, two classes, labels other than 0..9, and the real training labels. */
export function subsetCases(): SubsetCase[] {
  const imbalanced = fromSizes({ 0: 90, 1: 7, 2: 33, 3: 120, 4: 3, 5: 61, 6: 45, 7: 12, 8: 80, 9: 29 }, 11);
  return [
    { labels: fromSizes({ 0: 50, 1: 50, 2: 50, 3: 50, 4: 50, 5: 50, 6: 50, 7: 50, 8: 50, 9: 50 }, 10), fraction: 0.1 },
    { labels: imbalanced, fraction: 0.1 },
    { labels: imbalanced, fraction: 0.27 },
    { labels: fromSizes({ 2: 17, 5: 64 }, 12), fraction: 0.37 },
    { labels: fromSizes({ 3: 5, 7: 9, 42: 31, 100: 2 }, 13), fraction: 0.6 },
    { labels: trainLabels(), fraction: 0.1 },
  ];
}

/** A returned value as a list of numbers, or null when it is not an array of numbers. */
export function asIndexList(value: HostValue): number[] | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === "number") ? (value as number[]) : null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return null;
}

export type SubsetProblem = "not-a-list" | "not-indices" | "size" | "duplicates" | "stratification";

/** What is wrong with a subset (every problem found), checked against the contract. */
export function subsetProblems(value: HostValue, c: SubsetCase): { problems: Set<SubsetProblem>; detail: Partial<Record<SubsetProblem, string>> } {
  const problems = new Set<SubsetProblem>();
  const detail: Partial<Record<SubsetProblem, string>> = {};
  const n = c.labels.length;
  const where = `${n} labels, fraction ${c.fraction}`;
  const indices = asIndexList(value);
  if (!indices) {
    problems.add("not-a-list");
    detail["not-a-list"] = `(${where}) returned something that is not an array of numbers`;
    return { problems, detail };
  }
  const bad = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= n);
  if (bad !== undefined) {
    problems.add("not-indices");
    detail["not-indices"] = `(${where}) returned ${bad}, which is not an index into labels (an integer in [0, ${n - 1}])`;
    return { problems, detail };
  }
  const want = Math.round(c.fraction * n);
  if (indices.length !== want) {
    problems.add("size");
    detail.size = `(${where}) returned ${indices.length} indices instead of round(fraction × n) = ${want}`;
  }
  const distinct = new Set(indices);
  if (distinct.size !== indices.length) {
    problems.add("duplicates");
    detail.duplicates = `(${where}) returned ${indices.length - distinct.size} duplicate indices: an example must not appear twice`;
  }
  const total = new Map<number, number>();
  const chosen = new Map<number, number>();
  c.labels.forEach((l) => total.set(l, (total.get(l) ?? 0) + 1));
  indices.forEach((i) => chosen.set(c.labels[i]!, (chosen.get(c.labels[i]!) ?? 0) + 1));
  for (const [label, count] of total) {
    const expected = c.fraction * count;
    const got = chosen.get(label) ?? 0;
    if (Math.abs(got - expected) > 1 + 1e-9) {
      problems.add("stratification");
      detail.stratification = `(${where}) one class has ${got > expected ? "more" : "fewer"} examples in the subset than fraction × its size allows: each class's count must be within one example of fraction × (its count in labels), so sample within each class`;
      break;
    }
  }
  return { problems, detail };
}

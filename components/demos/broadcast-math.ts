/** NumPy-style broadcasting, as TensorFlow.js applies it, one axis at a time so a demo can show each step. */
export interface AxisStep {
  /** Position counted from the last axis (0 = last). */
  fromEnd: number;
  a: number | null;
  b: number | null;
  result: number | null;
  rule: "equal" | "a is 1" | "b is 1" | "a has no such axis" | "b has no such axis" | "incompatible";
}

export function broadcastSteps(a: number[], b: number[]): { steps: AxisStep[]; shape: number[] | null } {
  const rank = Math.max(a.length, b.length);
  const steps: AxisStep[] = [];
  for (let k = 0; k < rank; k++) {
    const da = a.length - 1 - k >= 0 ? a[a.length - 1 - k]! : null;
    const db = b.length - 1 - k >= 0 ? b[b.length - 1 - k]! : null;
    let step: AxisStep;
    if (da === null) step = { fromEnd: k, a: da, b: db, result: db, rule: "a has no such axis" };
    else if (db === null) step = { fromEnd: k, a: da, b: db, result: da, rule: "b has no such axis" };
    else if (da === db) step = { fromEnd: k, a: da, b: db, result: da, rule: "equal" };
    else if (da === 1) step = { fromEnd: k, a: da, b: db, result: db, rule: "a is 1" };
    else if (db === 1) step = { fromEnd: k, a: da, b: db, result: da, rule: "b is 1" };
    else step = { fromEnd: k, a: da, b: db, result: null, rule: "incompatible" };
    steps.push(step);
  }
  const ok = steps.every((s) => s.result !== null);
  return { steps, shape: ok ? steps.map((s) => s.result!).reverse() : null };
}

/** Parses "2, 3" or "[2,3]" into a shape; null when it is not a list of 0 to 4 whole numbers from 1 to 6. */
export function parseShape(text: string): number[] | null {
  const trimmed = text
    .trim()
    .replace(/^\[|\]$/g, "")
    .trim();
  if (trimmed === "") return [];
  const parts = trimmed.split(/[\s,×x]+/).filter(Boolean);
  if (parts.length > 4 || !parts.every((p) => /^[1-6]$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * The public test API (`import { test, expect } from "unlabeled:test"`) that an assignment's public.test.ts uses.
 * It has no dependencies, so the browser worker and the Node runner both run it: each run calls createTestApi(),
 * provides `api` as the module "unlabeled:test", evaluates the test file, then awaits run().
 * Tensors are duck-typed (`shape` + `dataSync()`), so any TF.js instance works.
 */

export type TestFn = () => void | Promise<void>;

export interface TestOutcome {
  name: string;
  passed: boolean;
  /** Empty when passed; the failure otherwise. */
  message: string;
}

interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

export interface CloseOptions {
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
}

export interface Matchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeCloseTo(expected: number, digits?: number): void;
  toBeTruthy(): void;
  toBeFalsy(): void;
  /** `actual` is a function; it must throw (an error whose message contains `substring`, when given). */
  toThrow(substring?: string): void;
  /** `actual` is a tensor with exactly this shape. */
  toHaveShape(shape: number[]): void;
  /** `actual` is a tensor or (nested) number array whose values are all close to `expected`'s. */
  toAllClose(expected: unknown, options?: CloseOptions): void;
}

export interface TestApi {
  test(name: string, fn: TestFn): void;
  expect(actual: unknown): Matchers & { not: Matchers };
}

export class AssertionFailed extends Error {
  override name = "AssertionFailed";
}

function show(value: unknown): string {
  if (isTensor(value)) return `tensor of shape [${value.shape.join(", ")}]`;
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

function isTensor(value: unknown): value is TensorLike {
  return typeof value === "object" && value !== null && Array.isArray((value as TensorLike).shape) && typeof (value as TensorLike).dataSync === "function";
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Flattens a tensor, typed array or nested number array; null when it is none of those. */
function flatten(value: unknown): { shape: number[]; values: number[] } | null {
  if (isTensor(value)) return { shape: [...value.shape], values: Array.from(value.dataSync()) };
  if (typeof value === "number") return { shape: [], values: [value] };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const values = Array.from(value as unknown as ArrayLike<number>);
    return { shape: [values.length], values };
  }
  if (!Array.isArray(value)) return null;
  const parts = value.map(flatten);
  if (parts.some((p) => p === null)) return null;
  const inner = parts[0]?.shape ?? [];
  if (parts.some((p) => p!.shape.join() !== inner.join())) return null;
  return { shape: [value.length, ...inner], values: parts.flatMap((p) => p!.values) };
}

function closeness(actual: unknown, expected: unknown, options: CloseOptions = {}): string | null {
  const a = flatten(actual);
  const e = flatten(expected);
  if (!a) return `expected a tensor or number array, got ${show(actual)}`;
  if (!e) return `the expected value ${show(expected)} is not a tensor or number array`;
  if (a.shape.join() !== e.shape.join()) return `shape [${a.shape.join(", ")}] differs from the expected [${e.shape.join(", ")}]`;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-5;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!;
    const y = e.values[i]!;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y)) && !(Number.isNaN(x) && Number.isNaN(y)) && x !== y) {
      return `element ${i} is ${x}, expected ${y}`;
    }
  }
  return null;
}

function matchers(actual: unknown, negate: boolean): Matchers {
  const check = (failure: string | null, negated: string) => {
    if (!negate && failure !== null) throw new AssertionFailed(failure);
    if (negate && failure === null) throw new AssertionFailed(negated);
  };
  return {
    toBe: (expected) => check(Object.is(actual, expected) ? null : `expected ${show(expected)}, got ${show(actual)}`, `expected a value other than ${show(expected)}`),
    toEqual: (expected) => check(deepEqual(actual, expected) ? null : `expected ${show(expected)}, got ${show(actual)}`, `expected a value not equal to ${show(expected)}`),
    toBeCloseTo: (expected, digits = 5) =>
      check(
        typeof actual === "number" && Math.abs(actual - expected) < 10 ** -digits / 2 ? null : `expected ${show(actual)} to be close to ${expected}`,
        `expected ${show(actual)} not to be close to ${expected}`,
      ),
    toBeTruthy: () => check(actual ? null : `expected a truthy value, got ${show(actual)}`, `expected a falsy value, got ${show(actual)}`),
    toBeFalsy: () => check(!actual ? null : `expected a falsy value, got ${show(actual)}`, `expected a truthy value, got ${show(actual)}`),
    toThrow: (substring) => {
      if (typeof actual !== "function") throw new AssertionFailed("toThrow needs a function");
      let failure: string | null = "expected the function to throw";
      try {
        (actual as () => unknown)();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        failure = substring === undefined || message.includes(substring) ? null : `expected an error containing "${substring}", got "${message}"`;
      }
      check(failure, "expected the function not to throw");
    },
    toHaveShape: (shape) =>
      check(
        !isTensor(actual)
          ? `expected a tensor, got ${show(actual)}`
          : actual.shape.join() === shape.join()
            ? null
            : `expected shape [${shape.join(", ")}], got [${actual.shape.join(", ")}]`,
        `expected a shape other than [${shape.join(", ")}]`,
      ),
    toAllClose: (expected, options) => check(closeness(actual, expected, options), `expected values not close to ${show(expected)}`),
  };
}

function describeFailure(err: unknown): string {
  try {
    if (err instanceof AssertionFailed) return err.message;
    return err instanceof Error ? `${err.name}: ${err.message}` : `threw ${show(err)}`;
  } catch {
    return "threw a value that cannot be inspected";
  }
}

/** A fresh test registry: `api` is what public tests import; run() executes the registered tests in order. */
export function createTestApi(): { api: TestApi; run(onEach?: (done: number, total: number) => void): Promise<TestOutcome[]> } {
  const tests: Array<{ name: string; fn: TestFn }> = [];
  const api: TestApi = {
    test(name, fn) {
      tests.push({ name: String(name), fn });
    },
    expect(actual) {
      return Object.assign(matchers(actual, false), { not: matchers(actual, true) });
    },
  };
  async function run(onEach?: (done: number, total: number) => void): Promise<TestOutcome[]> {
    const outcomes: TestOutcome[] = [];
    for (const { name, fn } of tests) {
      try {
        await fn();
        outcomes.push({ name, passed: true, message: "" });
      } catch (err) {
        outcomes.push({ name, passed: false, message: describeFailure(err) });
      }
      onEach?.(outcomes.length, tests.length);
    }
    return outcomes;
  }
  return { api, run };
}

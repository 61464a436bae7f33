import { describe, expect, it } from "vitest";
import { studentView } from "@/lib/grading/student-view";

const raw = {
  score: 7,
  max_score: 10,
  passed: false,
  execution_time: 1.2,
  backend: "wasm",
  error: null,
  tests: [
    { name: "shapes", score: 3, max_score: 3, status: "passed", output: "ok", visibility: "visible" },
    { name: "secret-broadcast-case", score: 2, max_score: 3, status: "failed", output: "expected 5 at [1,2]", visibility: "hidden" },
    { name: "final-accuracy", score: 2, max_score: 4, status: "failed", output: "accuracy 0.81", visibility: "after_due_date" },
  ],
  leaderboard: [
    { name: "accuracy (public)", value: 0.9, order: "desc" },
    { name: "accuracy (private)", value: 0.88, order: "desc" },
  ],
};

describe("student view of a result", () => {
  it("hides the names and feedback of hidden tests and holds back after-due-date tests before the deadline", () => {
    const view = studentView(raw, { dueDate: new Date("2030-01-01"), now: new Date("2029-12-31") });
    expect(view.tests.map((t) => t.name)).toEqual(["shapes", "Hidden check 1"]);
    expect(view.tests[1]).toEqual({ name: "Hidden check 1", score: 2, max_score: 3, status: "failed", visibility: "hidden" });
    expect(JSON.stringify(view)).not.toContain("secret-broadcast-case");
    expect(JSON.stringify(view)).not.toContain("expected 5");
    expect(JSON.stringify(view)).not.toContain("final-accuracy");
    expect(view.pending_points).toBe(4);
    expect(view.score).toBe(5);
    expect(view.max_score).toBe(6);
    expect(view.passed).toBeUndefined();
    expect(view.leaderboard.map((e) => e.name)).toEqual(["accuracy (public)"]);
  });

  it("shows after-due-date tests once the deadline has passed", () => {
    const view = studentView(raw, { dueDate: new Date("2030-01-01"), now: new Date("2030-01-02") });
    expect(view.tests.map((t) => t.name)).toEqual(["shapes", "Hidden check 1", "final-accuracy"]);
    expect(view.score).toBe(7);
    expect(view.max_score).toBe(10);
    expect(view.passed).toBe(false);
    expect(view.pending_points).toBe(0);
  });

  it("takes today's visibility by check id over the stored one, and rewords the top-level error to match", () => {
    const stored = {
      ...raw,
      error: { kind: "runtime", message: "shapes: TypeError: boom" },
      tests: raw.tests.map((t, i) => ({ ...t, check: ["shapes", "broadcast", "accuracy"][i], ...(i === 0 ? { error: { kind: "runtime", message: "TypeError: boom" } } : {}) })),
    };
    const opts = { dueDate: new Date("2030-01-01"), now: new Date("2029-12-31") };
    expect(studentView(stored, opts).error).toEqual({ kind: "runtime", message: "shapes: TypeError: boom" });
    const hidden = studentView(stored, { ...opts, visibility: { shapes: "hidden", broadcast: "visible" } });
    expect(hidden.tests.map((t) => t.name)).toEqual(["Hidden check 1", "secret-broadcast-case"]);
    expect(hidden.error).toEqual({ kind: "runtime", message: "a hidden check failed (runtime); its details are not shown" });
    expect(JSON.stringify(hidden)).not.toContain("TypeError");
    const later = studentView(stored, { ...opts, visibility: { shapes: "after_due_date", accuracy: "visible" } });
    expect(later.tests.map((t) => t.name)).toEqual(["Hidden check 1", "final-accuracy"]);
    expect(later).toMatchObject({ pending_points: 3, score: 4, max_score: 7 });
    expect(later.error?.message).toBe("a check shown after the due date failed (runtime); its details are not shown");
    // Revealed again: the details come back; a compile error (from no test) is kept as stored.
    const back = studentView({ ...stored, error: hidden.error, tests: stored.tests.map((t, i) => (i === 0 ? { ...t, visibility: "hidden" } : t)) }, { ...opts, visibility: { shapes: "visible" } });
    expect(back.error).toEqual({ kind: "runtime", message: "shapes: TypeError: boom" });
    const compile = studentView({ ...stored, error: { kind: "compile", message: "line 3: ';' expected" } }, { ...opts, visibility: { shapes: "hidden" } });
    expect(compile.error).toEqual({ kind: "compile", message: "line 3: ';' expected" });
  });

  it("rejects something that is not a result", () => {
    expect(() => studentView({ tests: "nope" }, { dueDate: new Date() })).toThrow();
  });
});

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

  it("rejects something that is not a result", () => {
    expect(() => studentView({ tests: "nope" }, { dueDate: new Date() })).toThrow();
  });
});

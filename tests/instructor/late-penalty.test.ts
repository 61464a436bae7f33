import { describe, expect, it } from "vitest";
import { finalGrade } from "@/lib/grades/final-grade";
import { effectiveDeadline, latePenalty } from "@/lib/grades/late-penalty";

const due = new Date("2026-03-01T00:00:00Z");
const policy = { penalty_per_day: 0.1, max_penalty: 0.3, grace_minutes: 10 };
const plus = (ms: number) => new Date(due.getTime() + ms);
const MIN = 60_000;
const DAY = 86_400_000;

describe("latePenalty", () => {
  it("charges nothing on time or within the grace period", () => {
    expect(latePenalty({ submittedAt: plus(-DAY), due, policy })).toEqual({ daysLate: 0, fraction: 0 });
    expect(latePenalty({ submittedAt: due, due, policy })).toEqual({ daysLate: 0, fraction: 0 });
    expect(latePenalty({ submittedAt: plus(10 * MIN), due, policy })).toEqual({ daysLate: 0, fraction: 0 });
  });

  it("counts started days from the deadline itself once the grace period is over", () => {
    expect(latePenalty({ submittedAt: plus(10 * MIN + 1), due, policy })).toEqual({ daysLate: 1, fraction: 0.1 });
    expect(latePenalty({ submittedAt: plus(DAY), due, policy })).toEqual({ daysLate: 1, fraction: 0.1 });
    expect(latePenalty({ submittedAt: plus(DAY + 1), due, policy })).toEqual({ daysLate: 2, fraction: 0.2 });
    // 3 × 0.1 is 0.30000000000000004 in floating point; the rule rounds to 6 decimals.
    expect(latePenalty({ submittedAt: plus(2 * DAY + 1), due, policy })).toEqual({ daysLate: 3, fraction: 0.3 });
  });

  it("caps the fraction at max_penalty", () => {
    expect(latePenalty({ submittedAt: plus(9 * DAY), due, policy })).toEqual({ daysLate: 9, fraction: 0.3 });
    expect(latePenalty({ submittedAt: plus(40 * DAY), due, policy: { penalty_per_day: 0.25, max_penalty: 1, grace_minutes: 0 } })).toEqual({
      daysLate: 40,
      fraction: 1,
    });
  });

  it("measures lateness from a student's extension, which never shortens the deadline", () => {
    const extensionUntil = plus(3 * DAY);
    expect(latePenalty({ submittedAt: plus(2 * DAY), due, policy, extensionUntil })).toEqual({ daysLate: 0, fraction: 0 });
    expect(latePenalty({ submittedAt: plus(3 * DAY + 11 * MIN), due, policy, extensionUntil })).toEqual({ daysLate: 1, fraction: 0.1 });
    expect(latePenalty({ submittedAt: plus(DAY), due, policy, extensionUntil: plus(-DAY) })).toEqual({ daysLate: 1, fraction: 0.1 });
    expect(effectiveDeadline(due, null)).toBe(due);
    expect(effectiveDeadline(due, extensionUntil)).toBe(extensionUntil);
  });

  it("treats late work under no late policy as worth nothing, and has no grace without a policy", () => {
    expect(latePenalty({ submittedAt: plus(1), due, policy: null })).toEqual({ daysLate: 1, fraction: 1 });
    expect(latePenalty({ submittedAt: due, due, policy: null })).toEqual({ daysLate: 0, fraction: 0 });
    expect(latePenalty({ submittedAt: plus(DAY), due, policy: null, extensionUntil: plus(2 * DAY) })).toEqual({ daysLate: 0, fraction: 0 });
  });

  it("rejects invalid dates", () => {
    expect(() => latePenalty({ submittedAt: new Date("nope"), due, policy })).toThrow(RangeError);
  });
});

describe("finalGrade", () => {
  const attempt = (id: string, ms: number, score: number) => ({ submissionId: id, createdAt: plus(ms), score, maxScore: 10 });

  it("counts the submission with the best score after its late penalty", () => {
    // 9 on time beats 10 two days late (10 × 0.8 = 8).
    const g = finalGrade({ attempts: [attempt("a", -DAY, 9), attempt("b", 2 * DAY - MIN, 10)], points: 10, due, policy });
    expect(g).toMatchObject({ submissionId: "a", score: 9, latePenalty: 0, daysLate: 0, final: 9 });
    // 10 one day late (9) beats 8.5 on time.
    const h = finalGrade({ attempts: [attempt("a", -DAY, 8.5), attempt("b", 12 * MIN, 10)], points: 10, due, policy });
    expect(h).toMatchObject({ submissionId: "b", score: 10, daysLate: 1, latePenalty: 1, final: 9 });
  });

  it("breaks ties in favour of the earlier submission, whatever the input order", () => {
    const g = finalGrade({ attempts: [attempt("late", -MIN, 7), attempt("early", -DAY, 7)], points: 10, due, policy });
    expect(g.submissionId).toBe("early");
  });

  it("applies the manual adjustment after the penalty and never goes below zero", () => {
    expect(finalGrade({ attempts: [attempt("a", 12 * MIN, 6)], points: 10, due, policy, adjustment: 1.5 }).final).toBe(6.9);
    expect(finalGrade({ attempts: [attempt("a", -DAY, 2)], points: 10, due, policy, adjustment: -5 }).final).toBe(0);
    expect(finalGrade({ attempts: [], points: 10, due, policy, adjustment: 2 })).toMatchObject({
      submissionId: null,
      score: 0,
      maxScore: 10,
      final: 2,
    });
  });

  it("uses the extension for every submission", () => {
    const g = finalGrade({ attempts: [attempt("a", 2 * DAY, 10)], points: 10, due, policy, extensionUntil: plus(3 * DAY) });
    expect(g).toMatchObject({ daysLate: 0, latePenalty: 0, final: 10 });
  });
});

/** The load run's verdict (scripts/bench/load-run.ts): what counts as lost, graded twice, a clear refusal. */
import { describe, expect, it } from "vitest";
import type { StoredSubmission } from "../../scripts/bench/load-database";
import { expectedAccepted, judge } from "../../scripts/bench/load-run";
import { isClearQuotaRefusal, type SubmitOutcome } from "../../scripts/bench/load-traffic";

const at = new Date("2026-01-01T00:00:00Z");
const row = (id: string, over: Partial<StoredSubmission> = {}): StoredSubmission => ({
  id, status: "graded", score: 10, maxScore: 10, attempts: 1, createdAt: at, gradedAt: at, supersededBy: null, results: 1, ...over,
});
const ok = (id: string, student = 0, correct = true): SubmitOutcome => ({ kind: "accepted", id, student, correct, ms: 1 });

describe("load verdict", () => {
  it("passes a run where every accepted submission is graded once with the score its source earns", () => {
    const v = judge([ok("a"), ok("b", 1, false)], [row("a"), row("b", { score: 3 })], new Map([["a", "graded"], ["b", "graded"]]));
    expect(v).toMatchObject({ lost: 0, gradedTwice: 0, failed: 0, wrongScores: 0, notSeenGraded: 0, unreported: 0 });
  });

  it("counts missing, still queued and failed submissions as lost, and two results as graded twice", () => {
    const outcomes = [ok("missing"), ok("queued"), ok("failed"), ok("twice")];
    const stored = [row("queued", { status: "queued", results: 0, gradedAt: null }), row("failed", { status: "failed", results: 0 }), row("twice", { results: 2 })];
    const v = judge(outcomes, stored, new Map([["twice", "graded"]]));
    expect(v.lost).toBe(3);
    expect(v.gradedTwice).toBe(1);
    expect(v.failed).toBe(1);
    expect(v.notSeenGraded).toBe(3);
  });

  it("flags a wrong source at full marks, a right one below, and rows whose POST never answered 201", () => {
    const v = judge([ok("a", 0, false), ok("b")], [row("a"), row("b", { score: 9 }), row("ghost")], new Map([["a", "graded"], ["b", "graded"]]));
    expect(v.wrongScores).toBe(2);
    expect(v.unreported).toBe(1);
  });

  it("accepts only a 429 rate_limited JSON refusal that names the quota or cooldown", () => {
    const quota = { error: { code: "rate_limited", message: "You have used all 20 graded submissions for today; the quota resets at 00:00 UTC (in 3 h 2 min)." } };
    expect(isClearQuotaRefusal(429, quota)).toBe(true);
    expect(isClearQuotaRefusal(429, { error: { code: "rate_limited", message: "Please wait 5 s before submitting again (cooldown 30 s)." } })).toBe(true);
    expect(isClearQuotaRefusal(500, quota)).toBe(false);
    expect(isClearQuotaRefusal(429, { error: { code: "rate_limited", message: "Too busy." } })).toBe(false);
    expect(isClearQuotaRefusal(429, null)).toBe(false);
  });

  it("expects min(sent, daily) accepted per student, and no exact figure under a cooldown", () => {
    const sent = [...Array(25)].map((_, i) => ok(`x${i}`, 0)).concat([ok("y", 1)]);
    expect(expectedAccepted(sent, { daily: 20, cooldownS: 0 })).toBe(21);
    expect(expectedAccepted(sent, { daily: 20, cooldownS: 30 })).toBeNull();
    // Three of student 0's were superseded (issue #20): they gave their quota back.
    expect(expectedAccepted(sent, { daily: 20, cooldownS: 0 }, new Map([[0, 3]]))).toBe(24);
  });

  it("counts a submission superseded by a graded newer one of the same student as superseded, not lost", () => {
    const stored = [row("old", { status: "superseded", supersededBy: "new", results: 0, gradedAt: null }), row("new"), row("orphan", { status: "superseded", supersededBy: "gone", results: 0 })];
    const v = judge([ok("old"), ok("new"), ok("orphan", 1)], stored, new Map([["old", "superseded"], ["new", "graded"], ["orphan", "superseded"]]));
    expect(v).toMatchObject({ superseded: 1, lost: 1, gradedTwice: 0, notSeenGraded: 1 });
    expect(v.supersededByStudent).toEqual(new Map([[0, 1]]));
  });
});

/** The fair-scheduling rules of lib/grading/schedule.ts, alone (the SQL fetch is held to them in tests/grading). */
import { describe, expect, it } from "vitest";
import { AGING_MS, effectivePriority, fairPriority, isTrainingJob, NEAR_DEADLINE_MS, pickNext, PRIORITY, type SchedJob } from "@/lib/grading/schedule";

const policy = { training: new Set(["train"]), splitsPhases: false };
const job = (id: string, over: Partial<SchedJob> = {}): SchedJob => ({ id, priority: 0, createdOn: 1000, phase: "all", assignment: "light", student: "s1", ...over });

describe("fair scheduling rules", () => {
  it("ranks first results above resubmissions, both higher near the deadline", () => {
    const deadline = new Date("2027-01-01T12:00:00Z");
    const at = (msBefore: number) => new Date(deadline.getTime() - msBefore);
    expect(fairPriority({ hasResult: false, deadline, now: at(NEAR_DEADLINE_MS + 1) })).toBe(PRIORITY.first);
    expect(fairPriority({ hasResult: false, deadline, now: at(NEAR_DEADLINE_MS) })).toBe(PRIORITY.firstNearDeadline);
    expect(fairPriority({ hasResult: true, deadline, now: at(60_000) })).toBe(PRIORITY.nearDeadline);
    expect(fairPriority({ hasResult: true, deadline, now: at(NEAR_DEADLINE_MS * 2) })).toBe(PRIORITY.other);
    expect(fairPriority({ hasResult: false, deadline, now: new Date(deadline.getTime() + 3_600_000) })).toBe(PRIORITY.firstNearDeadline);
  });

  it("classes expensive phases and whole gradings of training labs (on an engine that cannot split) as training", () => {
    expect(isTrainingJob({ phase: "all", assignment: "train" }, policy)).toBe(true);
    expect(isTrainingJob({ phase: "all", assignment: "train" }, { ...policy, splitsPhases: true })).toBe(false);
    expect(isTrainingJob({ phase: "expensive", assignment: "light" }, policy)).toBe(true);
    expect(isTrainingJob({ phase: "cheap", assignment: "train" }, policy)).toBe(false);
    expect(isTrainingJob({ phase: "all", assignment: null }, policy)).toBe(false);
  });

  it("takes cheap before training, then priority (aged jobs at the top), then age; one training job per student", () => {
    const now = 10 * AGING_MS;
    const q = [
      job("t-old", { assignment: "train", priority: 3, createdOn: 0 }),
      job("l-low", { priority: 0, createdOn: now - 1000 }),
      job("l-high", { priority: 2, createdOn: now - 500 }),
    ];
    expect(pickNext(q, [], policy, now)?.id).toBe("l-high");
    const aged = job("l-aged", { priority: 0, createdOn: now - AGING_MS });
    expect(effectivePriority(aged, now)).toBe(PRIORITY.firstNearDeadline);
    expect(pickNext([...q, aged], [], policy, now)?.id).toBe("l-aged");
    const busy = [job("r", { assignment: "train", student: "s1" })];
    expect(pickNext([q[0]!], busy, policy, now)).toBeNull();
    expect(pickNext([q[0]!], [job("r", { assignment: "train", student: "s2" })], policy, now)?.id).toBe("t-old");
    expect(pickNext([q[0]!], [job("r", { assignment: "light", student: "s1" })], policy, now)?.id).toBe("t-old");
  });
});

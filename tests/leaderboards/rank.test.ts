import { describe, expect, it } from "vitest";
import { aliasFrom } from "@/lib/leaderboards/alias-words";
import { metricValues, roundTo } from "@/lib/leaderboards/entries";
import { rankBoard, type Candidate } from "@/lib/leaderboards/rank";

const t = (min: number) => new Date(Date.UTC(2026, 1, 1, 0, min));
const c = (userId: string, submissionId: string, min: number, pub: number | null, priv: number | null = null): Candidate => ({
  userId,
  submissionId,
  createdAt: t(min),
  public: pub,
  private: priv,
});
const none = new Map<string, string>();

describe("metric entries", () => {
  it("reads the public and private values by the naming convention", () => {
    const entries = [
      { name: "accuracy", value: 0.9, order: "desc" },
      { name: "accuracy:private", value: 0.88, order: "desc" },
      { name: "loss", value: 3, order: "asc" },
    ];
    expect(metricValues(entries, "accuracy")).toEqual({ public: 0.9, private: 0.88 });
    expect(metricValues(entries, "mse")).toEqual({ public: null, private: null });
    expect(metricValues([{ name: "accuracy", value: "0.9" }], "accuracy").public).toBeNull();
    expect(metricValues(null, "accuracy").public).toBeNull();
    expect(roundTo(0.12345, 3)).toBe(0.123);
    expect(roundTo(0.9876, 0)).toBe(1);
  });
});

describe("rankBoard", () => {
  it("keeps each student's best public score, higher first for desc", () => {
    const rows = rankBoard({
      candidates: [c("a", "a1", 1, 0.7), c("b", "b1", 2, 0.8), c("a", "a2", 3, 0.9), c("c", "c1", 4, null)],
      choices: none,
      order: "desc",
      decimals: 3,
      byPrivate: false,
    });
    expect(rows.map((r) => [r.rank, r.userId, r.submissionId, r.public, r.entries])).toEqual([
      [1, "a", "a2", 0.9, 2],
      [2, "b", "b1", 0.8, 1],
    ]);
  });

  it("ranks lower first for asc, compares rounded values and gives ties to the earlier submission", () => {
    const rows = rankBoard({
      // 0.1234 and 0.1231 are both 0.123 at 3 decimals: b submitted earlier, so b wins.
      candidates: [c("b", "b1", 1, 0.1234), c("a", "a1", 2, 0.1231), c("a", "a0", 5, 0.1232), c("d", "d1", 3, 0.5)],
      choices: none,
      order: "asc",
      decimals: 3,
      byPrivate: false,
    });
    expect(rows.map((r) => [r.userId, r.submissionId, r.public])).toEqual([
      ["b", "b1", 0.123],
      ["a", "a1", 0.123],
      ["d", "d1", 0.5],
    ]);
  });

  it("counts a chosen submission even when it is not the best", () => {
    const rows = rankBoard({
      candidates: [c("a", "a1", 1, 0.9, 0.7), c("a", "a2", 2, 0.8, 0.85)],
      choices: new Map([["a", "a2"]]),
      order: "desc",
      decimals: 2,
      byPrivate: false,
    });
    expect(rows[0]).toMatchObject({ submissionId: "a2", public: 0.8, private: 0.85, chosen: true });
  });

  it("ranks by the private value after the reveal, keeping the publicly chosen submission", () => {
    const candidates = [c("a", "a1", 1, 0.95, 0.8), c("a", "a2", 2, 0.9, 0.99), c("b", "b1", 3, 0.9, 0.85), c("e", "e1", 4, 0.5, null)];
    const rows = rankBoard({ candidates, choices: none, order: "desc", decimals: 2, byPrivate: true });
    // a's best public submission is a1 (private 0.8), not a2: the private score never picks the submission.
    expect(rows.map((r) => [r.userId, r.submissionId, r.private])).toEqual([
      ["b", "b1", 0.85],
      ["a", "a1", 0.8],
      ["e", "e1", null],
    ]);
  });
});

describe("aliasFrom", () => {
  it("builds 'Adjective Animal NN' names from the given random draws", () => {
    expect(aliasFrom(() => 0)).toBe("Amber Albatross 10");
    expect(aliasFrom((n) => n - 1)).toBe("Zesty Zebra 99");
  });
});

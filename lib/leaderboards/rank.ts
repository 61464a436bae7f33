/** Leaderboard ranking, pure (rules in README.md). */
import { roundTo } from "./entries";

export interface Candidate {
  userId: string;
  submissionId: string;
  createdAt: Date;
  public: number | null;
  private: number | null;
}

export interface RankedRow {
  rank: number;
  userId: string;
  submissionId: string;
  createdAt: Date;
  /** Rounded to the board's decimals. */
  public: number;
  private: number | null;
  /** Submissions of this student on the board (with a public value). */
  entries: number;
  chosen: boolean;
}

type Order = "asc" | "desc";

/** Negative when a is better than b; null values are worst. */
function compareValues(a: number | null, b: number | null, order: Order): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return order === "desc" ? b - a : a - b;
}

export function rankBoard(args: {
  candidates: Candidate[];
  choices: Map<string, string>;
  order: Order;
  decimals: number;
  /** Rank by the private value (after the reveal). */
  byPrivate: boolean;
}): RankedRow[] {
  const { order, decimals } = args;
  const perUser = new Map<string, { best: Candidate & { public: number }; count: number; chosen: boolean }>();
  for (const raw of args.candidates) {
    if (raw.public === null) continue;
    const c = {
      ...raw,
      public: roundTo(raw.public, decimals),
      private: raw.private === null ? null : roundTo(raw.private, decimals),
    };
    const cur = perUser.get(c.userId);
    const isChoice = args.choices.get(c.userId) === c.submissionId;
    if (!cur) {
      perUser.set(c.userId, { best: c, count: 1, chosen: isChoice });
      continue;
    }
    cur.count++;
    if (cur.chosen) continue;
    const better =
      compareValues(c.public, cur.best.public, order) < 0 ||
      (compareValues(c.public, cur.best.public, order) === 0 && c.createdAt < cur.best.createdAt);
    if (isChoice || better) {
      cur.best = c;
      cur.chosen = isChoice;
    }
  }
  const rows = [...perUser.values()];
  rows.sort((x, y) => {
    const byValue = args.byPrivate
      ? compareValues(x.best.private, y.best.private, order)
      : compareValues(x.best.public, y.best.public, order);
    return (
      byValue ||
      x.best.createdAt.getTime() - y.best.createdAt.getTime() ||
      x.best.submissionId.localeCompare(y.best.submissionId)
    );
  });
  return rows.map((r, i) => ({
    rank: i + 1,
    userId: r.best.userId,
    submissionId: r.best.submissionId,
    createdAt: r.best.createdAt,
    public: r.best.public,
    private: r.best.private,
    entries: r.count,
    chosen: r.chosen,
  }));
}

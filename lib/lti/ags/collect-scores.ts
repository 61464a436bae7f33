import "server-only";
import type { Db } from "@/db/client";
import { findScores, listScoreTargets, type ScoreKey, upsertPendingScore } from "@/db/queries/lti-ags";
import { listAssignments } from "../../content/assignments";
import { gradeTable } from "../../grades/grade-table";
import { offeringContentDir } from "../../offerings/offering-course";

export const FAILED_RETRY_MS = 3600_000;

/**
 * The AGS outbox's producer: for every LMS user who reached an assignment's resource link (and so has a line item),
 * the current final grade (the grade table's, with late penalty, extension and adjustment) is compared with the
 * last one stored; a new or changed one becomes pending. A student with nothing graded and no adjustment is not
 * sent (the LMS keeps its blank). Returns every pending row, the retries included.
 */
export async function collectScores(db: Db, opts: { contentDir?: string; now?: Date } = {}): Promise<ScoreKey[]> {
  const now = opts.now ?? new Date();
  const targets = (await listScoreTargets(db)).filter(
    (t): t is typeof t & { lineItemUrl: string; assignment: string } => !!t.lineItemUrl && !!t.assignment,
  );
  if (!targets.length) return [];
  const wanted = new Set(targets.map((t) => t.assignment));
  // Each LMS course's grades come from the offering it is linked to (docs/offerings.md), and its assignments from
  // the course package that offering runs.
  const points = new Map<string, number>();
  const grades = new Map<string, { final: number; counted: boolean }>();
  for (const offering of new Set(targets.map((t) => t.offering))) {
    const dir = opts.contentDir ?? (await offeringContentDir(db, offering));
    const entries = (await listAssignments(dir)).filter((a) => wanted.has(a.slug));
    for (const e of entries) points.set(`${offering}\0${e.slug}`, e.config.points);
    for (const row of await gradeTable(db, entries, offering)) {
      grades.set(`${offering}\0${row.userId}\0${row.assignment}`, {
        final: row.final,
        counted: row.submissionId !== null || row.adjustment !== 0,
      });
    }
  }
  const k = (x: ScoreKey) => `${x.platformId}\0${x.lineItemUrl}\0${x.userId}`;
  const stored = new Map((await findScores(db, [...new Set(targets.map((t) => t.platformId))])).map((s) => [k(s), s]));
  const pending = new Map<string, ScoreKey>();
  // A row whose retries ran out is tried again every FAILED_RETRY_MS: a score is never lost to an LMS outage.
  for (const s of stored.values()) {
    const stale = s.status === "failed" && now.getTime() - s.updatedAt.getTime() >= FAILED_RETRY_MS;
    if (s.status === "pending" || stale) pending.set(k(s), s);
  }
  for (const t of targets) {
    const grade = grades.get(`${t.offering}\0${t.userId}\0${t.assignment}`);
    const max = points.get(`${t.offering}\0${t.assignment}`);
    if (!grade?.counted || max === undefined) continue;
    const before = stored.get(k(t));
    if (before && before.scoreGiven === grade.final && before.scoreMaximum === max) continue;
    const { offering: _offering, ...target } = t;
    await upsertPendingScore(db, { ...target, scoreGiven: grade.final, scoreMaximum: max });
    pending.set(k(t), { platformId: t.platformId, lineItemUrl: t.lineItemUrl, userId: t.userId });
  }
  return [...pending.values()].map(({ platformId, lineItemUrl, userId }) => ({ platformId, lineItemUrl, userId }));
}

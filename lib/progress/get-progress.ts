import "server-only";
import { bestScores, listLessonReads } from "@/db/queries/progress";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

export interface Progress {
  lessonsRead: string[];
  assignments: { slug: string; best: number | null; points: number; passed: boolean }[];
}

/** The signed-in student's own progress: lessons read and, per assignment, the best score and whether it passes. */
export const getProgress = defineVerb({
  run: async (ctx): Promise<Progress> => {
    const actor = ctx.actor;
    const [reads, scores, assignments] = await Promise.all([
      listLessonReads(ctx.db, actor.id),
      bestScores(ctx.db, actor.id, offeringOf(ctx)),
      listEffectiveAssignments(ctx.db, undefined, offeringOf(ctx)),
    ]);
    const best = new Map(scores.map((s) => [s.assignment, s.best]));
    return {
      lessonsRead: reads.map((r) => r.lesson),
      assignments: assignments.map(({ slug, config }) => {
        const b = best.get(slug) ?? null;
        return {
          slug,
          best: b,
          points: config.points,
          passed: b !== null && b >= config.pass_threshold * config.points - 1e-9,
        };
      }),
    };
  },
});

import "server-only";
import { listAudit } from "@/db/queries/instructor-audit";
import { countByAssignment } from "@/db/queries/instructor-grades";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

/** The console's front page: every assignment with submission counts by status, and the latest audited actions. */
export const getOverview = defineVerb({
  role: "staff",
  run: async (ctx) => {
    const [assignments, counts, audit] = await Promise.all([
      listEffectiveAssignments(ctx.db, ctx.contentDir, offeringOf(ctx)),
      countByAssignment(ctx.db, offeringOf(ctx)),
      listAudit(ctx.db, { offering: offeringOf(ctx), limit: 30 }),
    ]);
    return {
      assignments: assignments.map(({ slug, config }) => {
        const mine = counts.filter((c) => c.assignment === slug);
        const by = (s: string) => mine.find((c) => c.status === s)?.n ?? 0;
        return {
          slug,
          title: config.title,
          due: config.due,
          points: config.points,
          leaderboard: !!config.leaderboard,
          total: mine.reduce((n, c) => n + c.n, 0),
          pending: by("queued") + by("running"),
          graded: by("graded"),
          failed: by("failed"),
        };
      }),
      audit,
    };
  },
});

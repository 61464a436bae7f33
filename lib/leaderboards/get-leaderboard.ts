import "server-only";
import { z } from "zod";
import { findUsersByIds } from "@/db/queries/instructor-grades";
import {
  findLeaderboardSetting,
  listChoices,
  listHiddenRows,
  listLeaderboardCandidates,
} from "@/db/queries/leaderboards";
import { slugSchema } from "@/lib/content/assignment-schema";
import { AppError } from "../errors";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { requireInOffering } from "@/lib/offerings/membership";
import { ensureAliases } from "./aliases";
import { metricValues, roundTo } from "./entries";
import { rankBoard, type Candidate, type RankedRow } from "./rank";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ assignment: slugSchema });

export interface BoardRow {
  rank: number | null;
  alias: string;
  public: number;
  /** Present after the reveal, and always for instructors. */
  private?: number | null;
  entries: number;
  mine: boolean;
  /** Instructor view only. */
  userId?: string;
  email?: string;
  name?: string | null;
  submissionId?: string;
  hidden?: boolean;
}

/**
 * An assignment's leaderboard. Students: pseudonyms, their own row marked, public values until the private board
 * is revealed, hidden rows left out, and their own submissions to choose from. Instructors: everything.
 */
export const getLeaderboard = defineVerb({
  input: inputSchema,
  run: async (ctx, { assignment }) => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    await requireInOffering(ctx.db, ctx);
    const { config } = await requireEffectiveAssignment(ctx.db, assignment, ctx.contentDir, offering);
    const lb = config.leaderboard;
    if (!lb) throw new AppError("not_found", `'${assignment}' has no leaderboard.`);
    const instructor = actor.role === "instructor";
    const setting = await findLeaderboardSetting(ctx.db, assignment, offering);
    const revealed = setting.revealedAt !== null;
    const [raw, choices, hidden] = await Promise.all([
      listLeaderboardCandidates(ctx.db, assignment, setting.frozenAt, offering),
      listChoices(ctx.db, assignment, offering),
      listHiddenRows(ctx.db, assignment, offering),
    ]);
    const candidates: Candidate[] = raw.map((r) => ({ ...r, ...metricValues(r.entries, lb.metric) }));
    const hiddenIds = new Set(hidden.map((h) => h.userId));
    const rank = (cs: Candidate[]) =>
      rankBoard({
        candidates: cs,
        choices: new Map(choices.map((c) => [c.userId, c.submissionId])),
        order: lb.order,
        decimals: lb.decimals,
        byPrivate: revealed,
      });
    const visible = rank(candidates.filter((c) => !hiddenIds.has(c.userId)));
    const hiddenRows = instructor ? rank(candidates.filter((c) => hiddenIds.has(c.userId))) : [];
    const onBoard = [...visible, ...hiddenRows].map((r) => r.userId);
    const aliases = await ensureAliases(ctx.db, assignment, instructor ? onBoard : onBoard.concat(actor.id), offering);
    const people = instructor ? await findUsersByIds(ctx.db, onBoard) : [];
    const emails = new Map(people.map((u) => [u.id, { email: u.email, name: u.name }]));
    const toRow = (r: RankedRow, isHidden: boolean): BoardRow => {
      const row: BoardRow = {
        rank: isHidden ? null : r.rank,
        alias: aliases.get(r.userId) ?? "Anonymous",
        public: r.public,
        entries: r.entries,
        mine: r.userId === actor.id,
      };
      if (revealed || instructor) row.private = r.private;
      if (instructor)
        Object.assign(row, {
          userId: r.userId,
          ...emails.get(r.userId),
          submissionId: r.submissionId,
          hidden: isHidden,
        });
      return row;
    };
    const own = candidates.filter((c) => c.userId === actor.id && c.public !== null);
    const ownChoice = choices.find((c) => c.userId === actor.id)?.submissionId ?? null;
    return {
      assignment: {
        slug: assignment,
        title: config.title,
        due: config.due,
        metric: lb.metric,
        order: lb.order,
        decimals: lb.decimals,
        publicFraction: lb.public_fraction,
      },
      viewer: instructor ? ("instructor" as const) : ("student" as const),
      revealedAt: setting.revealedAt,
      frozenAt: setting.frozenAt,
      rows: [...visible.map((r) => toRow(r, false)), ...hiddenRows.map((r) => toRow(r, true))],
      me: {
        alias: aliases.get(actor.id) ?? null,
        rank: visible.find((r) => r.userId === actor.id)?.rank ?? null,
        hidden: hiddenIds.has(actor.id),
        choice: ownChoice,
        submissions: own.reverse().map((c) => ({
          id: c.submissionId,
          createdAt: c.createdAt,
          public: roundTo(c.public!, lb.decimals),
          ...(revealed ? { private: c.private === null ? null : roundTo(c.private, lb.decimals) } : {}),
          chosen: c.submissionId === ownChoice,
        })),
      },
    };
  },
});

import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import {
  countSectionMembers,
  deleteSectionDeadline,
  findSection,
  listSectionDeadlines,
  listSections,
  upsertSection,
  upsertSectionDeadline,
} from "@/db/queries/offerings";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireAssignment } from "@/lib/content/assignments";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { OFFERING_SLUG } from "./active-offering";
import { requireManagedOffering } from "./offering-access";
import { contentDirFor } from "./offering-course";

const offering = z.string({ error: "is required" }).regex(OFFERING_SLUG, "is not an offering slug");
/** As a roster's section column (lib/rosters/roster-csv.ts): the enrolment's section names the section. */
const section = z.string({ error: "is required" }).trim().min(1, "is required").max(64, "is at most 64 characters");

const saveSchema = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("save-section"),
    offering,
    section,
    title: z.string({ error: "is required" }).trim().min(1, "is required").max(200),
  }),
  z.strictObject({
    action: z.literal("set-deadline"),
    offering,
    section,
    assignment: slugSchema,
    /** null removes the section's own due date (the offering's applies again). */
    dueAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).nullable(),
  }),
]);

/**
 * An instructor creates or renames a section, or sets a section's own due date for one assignment (audited as
 * section.save / section.deadline). Students are put in a section by the roster import's section column.
 */
export const saveSection = defineVerb({
  role: "instructor",
  input: saveSchema,
  transaction: true,
  prepare: async (ctx, data) => {
    if (data.action === "set-deadline")
      await requireAssignment(data.assignment, await contentDirFor(ctx, data.offering));
  },
  run: async (ctx, data, tx) => {
    await requireManagedOffering(tx, ctx, data.offering);
    if (data.action === "save-section") {
      await upsertSection(tx, { offering: data.offering, slug: data.section, title: data.title });
      await insertAudit(tx, {
        actorId: ctx.actor.id,
        offering: data.offering,
        action: "section.save",
        details: { section: data.section, title: data.title },
      });
      return { offering: data.offering, section: data.section, title: data.title };
    }
    if (!(await findSection(tx, data.offering, data.section)))
      throw new AppError("not_found", `There is no section '${data.section}' in this offering.`);
    const key = { offering: data.offering, section: data.section, assignment: data.assignment };
    if (data.dueAt) await upsertSectionDeadline(tx, { ...key, dueAt: new Date(data.dueAt) });
    else await deleteSectionDeadline(tx, key);
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      offering: data.offering,
      action: "section.deadline",
      assignment: data.assignment,
      details: { section: data.section, dueAt: data.dueAt },
    });
    return { ...key, dueAt: data.dueAt };
  },
});

/** An offering's sections and their due dates, for its instructors. */
export const listOfferingSections = defineVerb({
  role: "instructor",
  input: z.strictObject({ offering }),
  run: async (ctx, data) => {
    await requireManagedOffering(ctx.db, ctx, data.offering);
    const [sections, deadlines, members] = await Promise.all([
      listSections(ctx.db, data.offering),
      listSectionDeadlines(ctx.db, data.offering),
      countSectionMembers(ctx.db, data.offering),
    ]);
    return { offering: data.offering, sections, deadlines, members };
  },
});

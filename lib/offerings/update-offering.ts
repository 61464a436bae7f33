import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { updateOfferingRow } from "@/db/queries/offerings";
import { DEFAULT_OFFERING } from "@/db/schema";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { OFFERING_SLUG } from "./active-offering";
import { requireManagedOffering } from "./offering-access";

const when = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2027-02-01T00:00:00Z" })
  .nullable()
  .optional();

const inputSchema = z
  .strictObject({
    offering: z.string({ error: "is required" }).regex(OFFERING_SLUG, "is not an offering slug"),
    title: z.string().trim().min(1, "is required").max(200).optional(),
    term: z.string().trim().max(100).nullable().optional(),
    startsAt: when,
    endsAt: when,
    archived: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((d) => Object.keys(d).length > 1, {
    message: "changes nothing: send title, term, startsAt, endsAt or archived",
  });

/**
 * An instructor of the offering (or of the installation) renames it, changes its term or dates, or archives it
 * (docs/offerings.md): an archived offering keeps its roster, grades, boards and exports for reading, takes no new
 * submissions and no joins, and leaves the header's switcher. The default offering cannot be archived (old URLs and
 * accounts without an enrolment live there). Audited as offering.update with the fields that changed.
 */
export const updateOffering = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  run: async (ctx, data, tx) => {
    const before = await requireManagedOffering(tx, ctx, data.offering);
    if (data.archived && data.offering === DEFAULT_OFFERING)
      throw new AppError("validation", "The default offering cannot be archived.", {
        archived: "not for the default offering",
      });
    const startsAt = data.startsAt === undefined ? before.startsAt : data.startsAt ? new Date(data.startsAt) : null;
    const endsAt = data.endsAt === undefined ? before.endsAt : data.endsAt ? new Date(data.endsAt) : null;
    if (startsAt && endsAt && endsAt <= startsAt)
      throw new AppError("validation", "The end must be later than the start.", {
        endsAt: "must be later than startsAt",
      });
    const patch = {
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.term !== undefined ? { term: data.term || null } : {}),
      ...(data.startsAt !== undefined ? { startsAt } : {}),
      ...(data.endsAt !== undefined ? { endsAt } : {}),
      ...(data.archived !== undefined ? { archived: data.archived } : {}),
    };
    const after = (await updateOfferingRow(tx, data.offering, patch))!;
    const { offering: _slug, ...changes } = data;
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      offering: data.offering,
      action: "offering.update",
      details: changes,
    });
    return {
      slug: after.slug,
      title: after.title,
      term: after.term,
      startsAt: after.startsAt,
      endsAt: after.endsAt,
      archived: after.archived,
    };
  },
});

/** Refuses work that changes an archived offering (a submission): it is kept for reading only. */
export const ARCHIVED_OFFERING = "This offering is archived: it is kept for reading and takes no new submissions.";

import "server-only";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { insertAudit } from "@/db/queries/instructor-audit";
import { findOffering, insertOffering } from "@/db/queries/offerings";
import { requireInstallationInstructor } from "../context";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { courseNames, DEFAULT_COURSE, isCourse } from "../content/course-registry";
import { OFFERING_SLUG } from "./active-offering";

const when = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2027-02-01T00:00:00Z" })
  .nullable()
  .default(null);

export const createOfferingSchema = z
  .strictObject({
    slug: z
      .string({ error: "is required" })
      .regex(
        OFFERING_SLUG,
        "must be lower-case letters, digits and dashes (at most 63), starting with a letter or digit",
      ),
    title: z.string({ error: "is required" }).trim().min(1, "is required").max(200),
    term: z.string().trim().max(100).nullable().default(null),
    startsAt: when,
    endsAt: when,
    /** The course package it runs (lib/content/course-registry.ts); default: the COURSE_DIR one. */
    course: z
      .string({ error: "must be a course package name" })
      .trim()
      .refine((c) => isCourse(c), {
        error: (i) =>
          `is not a course package of this installation (it serves: ${courseNames().join(", ")}), got '${String(i.input)}'`,
      })
      .default(DEFAULT_COURSE),
  })
  .refine((d) => !d.startsAt || !d.endsAt || new Date(d.endsAt) > new Date(d.startsAt), {
    path: ["endsAt"],
    message: "must be later than startsAt",
  });

/**
 * Creates an offering of one of the installation's course packages (docs/offerings.md): its own roster, settings, boards and grades; joining
 * by code is off until an instructor turns it on. Installation instructors only; audited as offering.create.
 */
export const createOffering = defineVerb({
  role: "instructor",
  input: createOfferingSchema,
  transaction: true,
  run: (ctx, data, tx) => applyCreateOffering(tx, requireInstallationInstructor(ctx.actor).id, data),
});

/** The verb's body, for the CLI too (`actorId` null: the shell operator). */
export async function applyCreateOffering(tx: Tx, actorId: string | null, data: z.infer<typeof createOfferingSchema>) {
  const created = await insertOffering(tx, {
    slug: data.slug,
    title: data.title,
    term: data.term || null,
    startsAt: data.startsAt ? new Date(data.startsAt) : null,
    endsAt: data.endsAt ? new Date(data.endsAt) : null,
    course: data.course,
  });
  if (!created) throw new AppError("conflict", `There is already an offering '${data.slug}'.`, { slug: "is taken" });
  await insertAudit(tx, { actorId, offering: data.slug, action: "offering.create", details: { ...data } });
  return (await findOffering(tx, data.slug))!;
}

import "server-only";
import { listOfferings } from "@/db/queries/offerings";
import { isInstallationInstructor, offeringOf } from "../context";
import { defineVerb } from "../verb";
import { offeringRole, selectableOfferings } from "./membership";

export interface OfferingListItem {
  slug: string;
  title: string;
  course: string;
  term: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  archived: boolean;
  /** The caller's role in it. */
  role: "instructor" | "ta" | "student";
  active: boolean;
  /** Only for its instructors. */
  joinCode?: string | null;
  joinEnabled?: boolean;
}

/**
 * The offerings the caller may select (the switcher's list): every one for an installation instructor, else the ones
 * they are in; join codes only where the caller is an instructor.
 */
export const listMyOfferings = defineVerb({
  run: async (ctx): Promise<{ active: string; offerings: OfferingListItem[] }> => {
    const user = { id: ctx.actor.id, role: ctx.actor.globalRole ?? ctx.actor.role };
    const all = isInstallationInstructor(ctx.actor);
    const rows = await listOfferings(ctx.db, all ? undefined : await selectableOfferings(ctx.db, user));
    const active = offeringOf(ctx);
    const out: OfferingListItem[] = [];
    for (const o of rows) {
      const role = await offeringRole(ctx.db, user, o.slug);
      if (!role) continue;
      out.push({
        slug: o.slug,
        title: o.title,
        course: o.course,
        term: o.term,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        archived: o.archived,
        role,
        active: o.slug === active,
        ...(role === "instructor" ? { joinCode: o.joinCode, joinEnabled: o.joinEnabled } : {}),
      });
    }
    return { active, offerings: out };
  },
});

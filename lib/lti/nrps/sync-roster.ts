import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findContext, findPlatformById } from "@/db/queries/lti";
import { upsertMember } from "@/db/queries/lti-ags";
import { AppError } from "../../errors";
import { FIRST_USER_LOCK } from "../../users/create-user";
import { defineVerb } from "../../verb";
import { type FetchLike, NRPS_SCOPE, serviceToken } from "../ags/token";
import { offeringRole } from "../claims";
import { enrolLtiUser, findOrCreateLtiUser } from "../lti-user";

const MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
/** A roster is read page by page (the Link: rel="next" header); this many pages at most. */
export const MAX_PAGES = 50;

const memberSchema = z.object({
  user_id: z.string().min(1).max(255),
  roles: z.array(z.string().max(255)).max(100),
  status: z.enum(["Active", "Inactive", "Deleted"]).optional(),
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
});
const containerSchema = z.object({ members: z.array(z.unknown()).max(10_000) });

export const syncRosterInput = z.strictObject({
  platformId: z.uuid(),
  deploymentId: z.string().min(1).max(255),
  contextId: z.string().min(1).max(255),
});

export interface RosterSyncReport {
  members: number;
  enrolled: number;
  changed: number;
  unchanged: number;
  /** Inactive or deleted in the LMS: left as they are here (their grades stay), listed for the instructor. */
  inactive: number;
  /** Entries the LMS sent that are not a valid member, with why. */
  invalid: string[];
}

function nextLink(header: string | null): string | null {
  for (const part of (header ?? "").split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * Names and Role Provisioning Services: reads the context's memberships (every page) and enrols each active member
 * in the context's offering with their LMS role, creating accounts as a launch would, in one transaction. Instructors
 * only; the membership URL is the one the platform sent in a launch of that context.
 */
export const syncRoster = defineVerb({
  role: "instructor",
  input: syncRosterInput,
  run: (ctx, data) => runRosterSync(ctx.db, data),
});

export async function runRosterSync(
  db: Db,
  data: z.infer<typeof syncRosterInput>,
  fetchImpl: FetchLike = fetch,
): Promise<RosterSyncReport> {
  const platform = await findPlatformById(db, data.platformId);
  const context = platform ? await findContext(db, platform.id, data.deploymentId, data.contextId) : null;
  if (!platform || !context) throw new AppError("not_found", "No LMS course with that id has launched this tool yet.");
  if (!context.membershipsUrl) {
    throw new AppError(
      "validation",
      "The LMS did not offer its roster service (NRPS) for this course; enable it in the tool's LMS settings.",
    );
  }
  const token = await serviceToken(db, platform, [NRPS_SCOPE], fetchImpl);
  const members: z.infer<typeof memberSchema>[] = [];
  const invalid: string[] = [];
  let url: string | null = context.membershipsUrl;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const res = await fetchImpl(url, {
      headers: { authorization: `Bearer ${token}`, accept: MEMBERSHIP_TYPE },
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok)
      throw new AppError("unavailable", `The LMS's roster service answered HTTP ${res.status}; nothing was changed.`);
    const body = containerSchema.safeParse(await res.json().catch(() => null));
    if (!body.success)
      throw new AppError(
        "unavailable",
        "The LMS's roster service sent something that is not a membership list; nothing was changed.",
      );
    body.data.members.forEach((m, i) => {
      const parsed = memberSchema.safeParse(m);
      if (parsed.success) members.push(parsed.data);
      else
        invalid.push(
          `page ${page + 1}, member ${i + 1}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
        );
    });
    url = nextLink(res.headers.get("link"));
  }
  const report: RosterSyncReport = {
    members: members.length,
    enrolled: 0,
    changed: 0,
    unchanged: 0,
    inactive: 0,
    invalid,
  };
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
    for (const m of members) {
      if (m.status && m.status !== "Active") {
        report.inactive++;
        continue;
      }
      const role = offeringRole(m.roles);
      const person = {
        sub: m.user_id,
        email: m.email,
        name: m.name,
        given_name: m.given_name,
        family_name: m.family_name,
      };
      const user = await findOrCreateLtiUser(tx, platform.id, person, role);
      const outcome = await enrolLtiUser(tx, {
        issuer: platform.issuer,
        offering: context.offering,
        user,
        role,
        source: "lti-nrps",
      });
      await upsertMember(tx, {
        platformId: platform.id,
        contextId: context.contextId,
        userId: user.id,
        sub: m.user_id,
        source: "nrps",
      });
      if (outcome === "new") report.enrolled++;
      else if (outcome === "changed") report.changed++;
      else report.unchanged++;
    }
  });
  return report;
}

import "server-only";
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { insertAudit } from "@/db/queries/instructor-audit";
import { findEnrolment, upsertEnrolment } from "@/db/queries/lti";
import { countUsers, findUserByEmail, findUserById, insertUser, type UserRow } from "@/db/queries/users";
import { accounts, DEFAULT_OFFERING, type OfferingRole, type Role, users } from "@/db/schema";
import { outranks } from "../context";
import { emailSchema } from "../users/create-user";

/** The Auth.js account provider of a platform: one LMS user (sub) is one account row. */
export const ltiProvider = (platformId: string) => `lti:${platformId}`;

export interface LmsPerson {
  sub: string;
  email?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
}

/**
 * The account of an LMS user: the one linked to (platform, sub), else the one with the LMS's email (the platform is
 * registered by an administrator, who trusts it for its users' identities: an instructor who signed up before LTI
 * was set up is that person), else a new one without a password (email `lti-<hash>@lti.invalid` when the LMS sends
 * none). The first account of an installation is its instructor, as everywhere. Call under FIRST_USER_LOCK.
 */
export async function findOrCreateLtiUser(
  tx: Tx,
  platformId: string,
  person: LmsPerson,
  role: OfferingRole,
): Promise<UserRow> {
  const provider = ltiProvider(platformId);
  const [linked] = await tx
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, person.sub)))
    .limit(1);
  if (linked) {
    const user = await findUserById(tx, linked.userId);
    if (user) return user;
  }
  const parsedEmail = emailSchema.safeParse(person.email);
  const hash = crypto.createHash("sha256").update(`${platformId}\n${person.sub}`).digest("hex").slice(0, 20);
  const email = parsedEmail.success ? parsedEmail.data : `lti-${hash}@lti.invalid`;
  const name = (person.name ?? [person.given_name, person.family_name].filter(Boolean).join(" ")).slice(0, 100) || null;
  let user = await findUserByEmail(tx, email);
  if (!user) {
    const chosen: Role = (await countUsers(tx)) === 0 || role === "instructor" ? "instructor" : "student";
    user = await insertUser(tx, { email, name, role: chosen, passwordHash: null });
  }
  await tx
    .insert(accounts)
    .values({ userId: user.id, type: "oidc", provider, providerAccountId: person.sub })
    .onConflictDoNothing();
  return user;
}

/**
 * Enrols the user in the offering with the LMS's role, audited when it changes. In the default offering the
 * installation's roles are the offering's, as before offerings: an LMS instructor or TA is raised to it. In any
 * other offering the enrolment alone carries the role (a TA there is staff there only; docs/offerings.md). Nobody
 * is demoted by the LMS (a student claim never lowers or raises anyone else's rights).
 */
export async function enrolLtiUser(
  tx: Tx,
  e: { issuer: string; offering: string; user: UserRow; role: OfferingRole; source: string },
): Promise<"new" | "changed" | "unchanged"> {
  const before = await findEnrolment(tx, e.offering, e.user.id);
  await upsertEnrolment(tx, { offering: e.offering, userId: e.user.id, role: e.role, source: e.source });
  let promoted = false;
  if (e.offering === DEFAULT_OFFERING && outranks(e.role, e.user.role)) {
    await tx.update(users).set({ role: e.role }).where(eq(users.id, e.user.id));
    promoted = true;
  }
  if (before && before.role === e.role && !promoted) return "unchanged";
  await insertAudit(tx, {
    actorId: e.user.id,
    offering: e.offering,
    action: "lti.enrol",
    subjectUserId: e.user.id,
    details: {
      platform: e.issuer,
      offering: e.offering,
      role: e.role,
      previous: before?.role ?? null,
      promoted,
      source: e.source,
    },
  });
  return before ? "changed" : "new";
}

import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import {
  enrolments,
  ltiContexts,
  ltiDeepLinks,
  ltiDeployments,
  ltiKeys,
  ltiLoginStates,
  ltiNonces,
  ltiPlatforms,
  ltiResourceLinks,
  type OfferingRole,
} from "../schema";

export type PlatformRow = typeof ltiPlatforms.$inferSelect;
export type KeyRow = typeof ltiKeys.$inferSelect;
export type LoginStateRow = typeof ltiLoginStates.$inferSelect;

export async function findPlatforms(db: Db | Tx, issuer: string, clientId?: string): Promise<PlatformRow[]> {
  const where = clientId
    ? and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId))
    : eq(ltiPlatforms.issuer, issuer);
  return db.select().from(ltiPlatforms).where(where);
}

export async function findPlatformById(db: Db | Tx, id: string): Promise<PlatformRow | null> {
  const rows = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listPlatforms(db: Db | Tx) {
  const platforms = await db.select().from(ltiPlatforms).orderBy(ltiPlatforms.createdAt);
  const deployments = await db.select().from(ltiDeployments);
  return platforms.map((p) => ({ ...p, deployments: deployments.filter((d) => d.platformId === p.id) }));
}

/** Inserts the platform, or updates the endpoints of the one with the same issuer and client id. */
export async function upsertPlatform(
  tx: Tx,
  p: { issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string },
): Promise<{ row: PlatformRow; created: boolean }> {
  const existing = await findPlatforms(tx, p.issuer, p.clientId);
  if (existing[0]) {
    const [row] = await tx
      .update(ltiPlatforms)
      .set({ authUrl: p.authUrl, tokenUrl: p.tokenUrl, jwksUrl: p.jwksUrl })
      .where(eq(ltiPlatforms.id, existing[0].id))
      .returning();
    return { row: row!, created: false };
  }
  const [row] = await tx.insert(ltiPlatforms).values(p).returning();
  return { row: row!, created: true };
}

export async function upsertDeployment(tx: Tx, platformId: string, deploymentId: string, offering: string) {
  await tx
    .insert(ltiDeployments)
    .values({ platformId, deploymentId, offering })
    .onConflictDoUpdate({ target: [ltiDeployments.platformId, ltiDeployments.deploymentId], set: { offering } });
}

export async function findDeployment(db: Db | Tx, platformId: string, deploymentId: string) {
  const rows = await db
    .select()
    .from(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function activeKeys(db: Db | Tx): Promise<KeyRow[]> {
  return db.select().from(ltiKeys).where(isNull(ltiKeys.retiredAt)).orderBy(desc(ltiKeys.createdAt));
}

/** Keys to publish: the active one and those retired after `since` (platforms may still hold their tokens). */
export async function publishedKeys(db: Db | Tx, since: Date): Promise<KeyRow[]> {
  return db
    .select()
    .from(ltiKeys)
    .where(or(isNull(ltiKeys.retiredAt), gt(ltiKeys.retiredAt, since)))
    .orderBy(desc(ltiKeys.createdAt));
}

export async function insertKey(tx: Tx, key: { kid: string; publicJwk: unknown; privateJwk: unknown }) {
  await tx.insert(ltiKeys).values(key);
}

export async function retireActiveKeys(tx: Tx, now: Date) {
  await tx.update(ltiKeys).set({ retiredAt: now }).where(isNull(ltiKeys.retiredAt));
}

export async function insertLoginState(
  db: Db | Tx,
  s: { state: string; nonce: string; platformId: string; targetLinkUri: string; expiresAt: Date },
) {
  await db.insert(ltiLoginStates).values(s);
}

/** Marks the state used and returns it, only if it was unused and unexpired: one launch per login. */
export async function consumeLoginState(tx: Tx, state: string, now: Date): Promise<LoginStateRow | null> {
  const rows = await tx
    .update(ltiLoginStates)
    .set({ usedAt: now })
    .where(and(eq(ltiLoginStates.state, state), isNull(ltiLoginStates.usedAt), gt(ltiLoginStates.expiresAt, now)))
    .returning();
  return rows[0] ?? null;
}

export async function findLoginState(db: Db | Tx, state: string): Promise<LoginStateRow | null> {
  const rows = await db.select().from(ltiLoginStates).where(eq(ltiLoginStates.state, state)).limit(1);
  return rows[0] ?? null;
}

export async function deleteExpiredLoginStates(db: Db | Tx, before: Date) {
  await db.delete(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, before));
}

/** Forgets nonces used before `before`: a token that old is refused by its `iat` alone (MAX_TOKEN_AGE_S). */
export async function deleteOldNonces(db: Db | Tx, before: Date) {
  await db.delete(ltiNonces).where(lt(ltiNonces.usedAt, before));
}

/** Records an id_token nonce; false when the platform already used it (a replay). */
export async function recordNonce(tx: Tx, platformId: string, nonce: string): Promise<boolean> {
  const rows = await tx
    .insert(ltiNonces)
    .values({ platformId, nonce })
    .onConflictDoNothing()
    .returning({ nonce: ltiNonces.nonce });
  return rows.length === 1;
}

export async function upsertContext(
  tx: Tx,
  c: { platformId: string; deploymentId: string; contextId: string; offering: string; title: string | null },
  membershipsUrl: string | null,
) {
  await tx
    .insert(ltiContexts)
    .values({ ...c, membershipsUrl })
    .onConflictDoUpdate({
      target: [ltiContexts.platformId, ltiContexts.deploymentId, ltiContexts.contextId],
      set: { title: c.title, membershipsUrl, updatedAt: sql`now()` },
    });
}

export async function findContext(db: Db | Tx, platformId: string, deploymentId: string, contextId: string) {
  const rows = await db
    .select()
    .from(ltiContexts)
    .where(
      and(
        eq(ltiContexts.platformId, platformId),
        eq(ltiContexts.deploymentId, deploymentId),
        eq(ltiContexts.contextId, contextId),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function upsertResourceLink(
  tx: Tx,
  l: {
    platformId: string;
    resourceLinkId: string;
    deploymentId: string;
    contextId: string;
    assignment: string | null;
    lineItemUrl: string | null;
  },
) {
  await tx
    .insert(ltiResourceLinks)
    .values(l)
    .onConflictDoUpdate({
      target: [ltiResourceLinks.platformId, ltiResourceLinks.resourceLinkId],
      set: { assignment: l.assignment, lineItemUrl: l.lineItemUrl, updatedAt: sql`now()` },
    });
}

export async function upsertEnrolment(
  tx: Tx,
  e: { offering: string; userId: string; role: OfferingRole; source: string },
) {
  await tx
    .insert(enrolments)
    .values(e)
    .onConflictDoUpdate({
      target: [enrolments.offering, enrolments.userId],
      set: { role: e.role, source: e.source, updatedAt: sql`now()` },
    });
}

export async function findEnrolment(db: Db | Tx, offering: string, userId: string) {
  const rows = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.offering, offering), eq(enrolments.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export type DeepLinkRow = typeof ltiDeepLinks.$inferSelect;

export async function insertDeepLink(
  tx: Tx,
  d: {
    platformId: string;
    deploymentId: string;
    returnUrl: string;
    data: string | null;
    acceptMultiple: number;
    userId: string;
    expiresAt: Date;
  },
): Promise<string> {
  const [row] = await tx.insert(ltiDeepLinks).values(d).returning({ id: ltiDeepLinks.id });
  return row!.id;
}

export async function findDeepLink(db: Db | Tx, id: string): Promise<DeepLinkRow | null> {
  const rows = await db.select().from(ltiDeepLinks).where(eq(ltiDeepLinks.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Marks the request answered; false when it was answered already (a second submit of the form). */
export async function consumeDeepLink(tx: Tx, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(ltiDeepLinks)
    .set({ usedAt: now })
    .where(and(eq(ltiDeepLinks.id, id), isNull(ltiDeepLinks.usedAt)))
    .returning({ id: ltiDeepLinks.id });
  return rows.length === 1;
}

export async function listContexts(db: Db | Tx) {
  return db.select().from(ltiContexts).orderBy(desc(ltiContexts.updatedAt));
}

import "server-only";
import { sql } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Db } from "@/db/client";
import { activeKeys, insertKey, publishedKeys, retireActiveKeys } from "@/db/queries/lti";

/** The tool's keys sign deep-linking responses and AGS/NRPS client assertions with RS256 (LTI 1.3 Security). */
export const TOOL_ALG = "RS256";
/** A retired key stays in the JWKS this long, so a platform that cached it can still check what it signed. */
export const RETIRED_KEY_GRACE_MS = 7 * 24 * 3600 * 1000;
const KEY_LOCK = 7_424_133_017;

type ToolKey = { kid: string; publicJwk: JWK; privateJwk: JWK };
const asKey = (row: { kid: string; publicJwk: unknown; privateJwk: unknown }): ToolKey => ({
  kid: row.kid,
  publicJwk: row.publicJwk as JWK,
  privateJwk: row.privateJwk as JWK,
});

async function newKey(): Promise<ToolKey> {
  const { publicKey, privateKey } = await generateKeyPair(TOOL_ALG, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const meta = { kid, alg: TOOL_ALG, use: "sig" };
  return { kid, publicJwk: { ...publicJwk, ...meta }, privateJwk: { ...(await exportJWK(privateKey)), ...meta } };
}

/** The active signing key, generated (and stored in the database) on first use; an advisory lock makes it one. */
export async function ensureToolKey(db: Db): Promise<ToolKey> {
  const [found] = await activeKeys(db);
  if (found) return asKey(found);
  const fresh = await newKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
    const [raced] = await activeKeys(tx);
    if (raced) return asKey(raced);
    await insertKey(tx, fresh);
    return fresh;
  });
}

/** Retires the active key and makes a new one; the old one stays published for RETIRED_KEY_GRACE_MS. */
export async function rotateToolKey(db: Db, now = new Date()): Promise<{ kid: string; retired: string[] }> {
  const fresh = await newKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
    const old = await activeKeys(tx);
    await retireActiveKeys(tx, now);
    await insertKey(tx, fresh);
    return { kid: fresh.kid, retired: old.map((k) => k.kid) };
  });
}

/** The JWKS document: public halves only (the private fields never leave the database). */
export async function toolJwks(db: Db, now = new Date()): Promise<{ keys: JWK[] }> {
  await ensureToolKey(db);
  const rows = await publishedKeys(db, new Date(now.getTime() - RETIRED_KEY_GRACE_MS));
  return {
    keys: rows.map((r) => {
      const { kty, n, e, kid, alg, use } = r.publicJwk as JWK;
      return { kty, n, e, kid, alg, use };
    }),
  };
}

/** The private key to sign with, and its kid for the JWT header. */
export async function toolSigningKey(db: Db): Promise<{ kid: string; key: CryptoKey }> {
  const k = await ensureToolKey(db);
  return { kid: k.kid, key: (await importJWK(k.privateJwk, TOOL_ALG)) as CryptoKey };
}

import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// Algorithm.Argon2id is a const enum that isolatedModules cannot inline; 2 is its value.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const COMMON = new Set([
  "password",
  "password1",
  "password12",
  "password123",
  "passw0rd",
  "qwerty",
  "qwertyuiop",
  "123456789",
  "1234567890",
  "12345678910",
  "iloveyou",
  "letmein",
  "welcome",
  "welcome123",
  "admin",
  "administrator",
  "abc123",
  "football",
  "monkey",
  "dragon",
  "baseball",
  "sunshine",
  "princess",
  "trustno1",
  "unlabeled",
  "changeme",
  "changeme123",
  "qwerty123",
  "1q2w3e4r5t",
  "zaq12wsx",
  "asdfghjkl",
  "superman",
  "starwars",
]);

/** Length, a blocklist of common passwords and a minimum of variety; NIST 800-63B style, no composition rules. */
export const passwordSchema = z
  .string({ error: "is required" })
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .refine((p) => !COMMON.has(p.toLowerCase()), "is too common; choose another")
  .refine((p) => new Set(p).size >= 5, "is too repetitive; use at least 5 different characters");

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Hashing something when the email is unknown keeps sign-in timing from revealing which emails exist. */
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hashPassword("unlabeled-timing-equaliser");
  await verifyPassword(await dummy, password);
}

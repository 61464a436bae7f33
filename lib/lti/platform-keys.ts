import "server-only";
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

/**
 * Platforms' public keys, fetched from their JWKS URL and cached (jose's remote key set: kept 10 minutes, refetched
 * at once when a token names a kid it has not seen, i.e. after the platform rotated its key, at most every
 * `cooldownMs`). One cache per process; tests make their own.
 */
export class PlatformKeyCache {
  private readonly sets = new Map<string, JWTVerifyGetKey>();
  constructor(private readonly opts: { cooldownMs?: number; maxAgeMs?: number; timeoutMs?: number } = {}) {}

  get(jwksUrl: string): JWTVerifyGetKey {
    let set = this.sets.get(jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: this.opts.cooldownMs ?? 30_000,
        cacheMaxAge: this.opts.maxAgeMs ?? 600_000,
        timeoutDuration: this.opts.timeoutMs ?? 5_000,
      });
      this.sets.set(jwksUrl, set);
    }
    return set;
  }
}

export const platformKeys = new PlatformKeyCache();

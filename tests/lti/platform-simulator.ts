import http from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/**
 * A stand-in LMS for the LTI tests: real RSA keys, a real JWKS endpoint on loopback (it counts fetches), and real
 * RS256 id_tokens with the claims of LTI 1.3 Core. `rotateKey()` replaces the signing key as a platform would.
 */
export interface SimKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
export const C = "https://purl.imsglobal.org/spec/lti/claim";

export async function makeKey(): Promise<SimKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: "RS256", use: "sig" } };
}

export class PlatformSimulator {
  jwksFetches = 0;
  private constructor(
    readonly base: string,
    readonly issuer: string,
    readonly clientId: string,
    readonly deploymentId: string,
    public keys: SimKey[],
    private readonly server: http.Server,
  ) {}

  static async start(name = "lms", clientId = "tool-client-1", deploymentId = "dep-1"): Promise<PlatformSimulator> {
    const holder: { sim?: PlatformSimulator } = {};
    const server = http.createServer((req, res) => {
      const sim = holder.sim!;
      if (req.url === "/jwks") {
        sim.jwksFetches++;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ keys: sim.keys.map((k) => k.publicJwk) }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.sim = new PlatformSimulator(base, `${base}/${name}`, clientId, deploymentId, [await makeKey()], server);
    return holder.sim;
  }

  get registration() {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      authUrl: `${this.base}/auth`,
      tokenUrl: `${this.base}/token`,
      jwksUrl: `${this.base}/jwks`,
      deploymentId: this.deploymentId,
    };
  }

  /** A new signing key replaces the old one in the JWKS (the old one is gone at once: the harshest rotation). */
  async rotateKey(): Promise<void> {
    this.keys = [await makeKey()];
  }

  /** The claims of a resource-link launch for a user of a context; `over` replaces or (undefined) deletes any. */
  launchClaims(nonce: string, user: { sub: string; email?: string; roles: string[] }, over: Record<string, unknown> = {}) {
    const claims: Record<string, unknown> = {
      nonce,
      sub: user.sub,
      email: user.email,
      name: `User ${user.sub}`,
      [`${C}/message_type`]: "LtiResourceLinkRequest",
      [`${C}/version`]: "1.3.0",
      [`${C}/deployment_id`]: this.deploymentId,
      [`${C}/target_link_uri`]: "http://tool.test/assignments/hello-tensor",
      [`${C}/resource_link`]: { id: "rl-1", title: "Hello, tensor" },
      [`${C}/roles`]: user.roles,
      [`${C}/context`]: { id: "ctx-1", title: "SSL, spring 2027" },
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitem: `${this.base}/lineitems/1`,
      },
      ...over,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    return claims;
  }

  /** Signs claims as this platform (or with another key, another issuer, audience or times). */
  async sign(
    claims: Record<string, unknown>,
    o: { key?: SimKey; iss?: string; aud?: string | string[]; iat?: number; exp?: number } = {},
  ): Promise<string> {
    const key = o.key ?? this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
      .setIssuer(o.iss ?? this.issuer)
      .setAudience(o.aud ?? this.clientId)
      .setIssuedAt(o.iat ?? now)
      .setExpirationTime(o.exp ?? now + 300)
      .sign(key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An unsigned token (`alg: none`), as an attacker would send one. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}

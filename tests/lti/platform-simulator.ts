import http from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose";

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

export interface RecordedScore {
  lineItem: string;
  token: string;
  body: Record<string, unknown>;
}

export class PlatformSimulator {
  jwksFetches = 0;
  /** Scores the tool published (AGS), in order. */
  scores: RecordedScore[] = [];
  /** Token requests, with whether the client assertion checked out against the tool's JWKS. */
  tokenRequests: { ok: boolean; scope: string; reason?: string }[] = [];
  /** While true the score and token endpoints answer 503, as an LMS that is down. */
  down = false;
  /** The tool's public keys, to check its client assertions (the tests point this at /api/lti/jwks). */
  toolJwks: () => Promise<{ keys: JWK[] }> = async () => ({ keys: [] });
  private issued = new Set<string>();
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
      if (req.method === "GET" && req.url?.startsWith("/memberships")) return sim.roster(req, res);
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        void sim.handlePost(req, body).then(([status, out]) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(out));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.sim = new PlatformSimulator(base, `${base}/${name}`, clientId, deploymentId, [await makeKey()], server);
    return holder.sim;
  }

  /** The context's roster (NRPS), served two members per page. */
  members: Record<string, unknown>[] = [];

  private roster(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (this.down) return void res.writeHead(503).end();
    if (!this.issued.has(token)) return void res.writeHead(401).end();
    const page = Number(new URL(req.url ?? "", this.base).searchParams.get("page") ?? "0");
    const headers: Record<string, string> = { "content-type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" };
    if ((page + 1) * 2 < this.members.length) headers.link = `<${this.base}/memberships?page=${page + 1}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify({ id: `${this.base}/memberships`, context: { id: "ctx-1" }, members: this.members.slice(page * 2, page * 2 + 2) }));
  }

  private async handlePost(req: http.IncomingMessage, body: string): Promise<[number, unknown]> {
    if (req.method !== "POST") return [404, {}];
    if (this.down) return [503, { error: "maintenance" }];
    if (req.url === "/token") {
      const form = new URLSearchParams(body);
      const scope = form.get("scope") ?? "";
      try {
        if (form.get("grant_type") !== "client_credentials") throw new Error("grant_type");
        if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") throw new Error("assertion type");
        const { payload } = await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet(await this.toolJwks()), {
          issuer: this.clientId,
          subject: this.clientId,
          audience: `${this.base}/token`,
          algorithms: ["RS256"],
        });
        if (!payload.jti) throw new Error("no jti");
      } catch (err) {
        this.tokenRequests.push({ ok: false, scope, reason: (err as Error).message });
        return [401, { error: "invalid_client" }];
      }
      this.tokenRequests.push({ ok: true, scope });
      const token = `tok-${this.issued.size + 1}`;
      this.issued.add(token);
      return [200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope }];
    }
    const m = /^\/lineitems\/([^/]+)\/scores$/.exec(req.url ?? "");
    if (m) {
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      if (!this.issued.has(token)) return [401, { error: "bad token" }];
      if (req.headers["content-type"] !== "application/vnd.ims.lis.v1.score+json") return [415, {}];
      this.scores.push({ lineItem: m[1]!, token, body: JSON.parse(body) });
      return [200, {}];
    }
    return [404, {}];
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
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
        context_memberships_url: `${this.base}/memberships`,
        service_versions: ["2.0"],
      },
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

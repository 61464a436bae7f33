/**
 * `npm run course -- lti <add-platform|list|rotate-key|jwks>`: LTI 1.3 registration from the shell (docs/lti.md),
 * against DATABASE_URL or the embedded PGlite in .data/ (stop the server first: PGlite has one writer). Shell access
 * is the authority, as for `user add`. Exit 0 on success, 2 for usage or validation errors, 1 otherwise.
 */
import { closeDb, getDbHandle } from "@/db/client";
import { listPlatforms } from "@/db/queries/lti";
import { isAppError } from "@/lib/errors";
import { registerPlatform } from "@/lib/lti/add-platform";
import { rotateToolKey, toolJwks } from "@/lib/lti/keys";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

const ADD_USAGE =
  "lti add-platform --issuer I --client-id C --auth-url A --token-url T --jwks-url J --deployment-id D [--offering O]";

const FLAG_TO_FIELD = {
  issuer: "issuer",
  "client-id": "clientId",
  "auth-url": "authUrl",
  "token-url": "tokenUrl",
  "jwks-url": "jwksUrl",
  "deployment-id": "deploymentId",
  offering: "offering",
} as const;

export const ltiCommand: CliCommand = {
  name: "lti",
  summary: "LTI 1.3: `lti add-platform …` registers an LMS, `lti list`, `lti rotate-key`, `lti jwks`",
  usage: `${ADD_USAGE}\n       lti list | lti rotate-key | lti jwks`,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: Object.keys(FLAG_TO_FIELD) });
    const [sub, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    if (sub === "add-platform") {
      const missing = Object.keys(FLAG_TO_FIELD).filter((f) => f !== "offering" && typeof flags[f] !== "string");
      if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(", ")}`);
    } else if (sub === "list" || sub === "rotate-key" || sub === "jwks") {
      if (Object.keys(flags).length) throw new UsageError(`\`lti ${sub}\` takes no options`);
    } else {
      throw new UsageError("expected a subcommand: add-platform, list, rotate-key or jwks");
    }
    try {
      const handle = await getDbHandle();
      const db = handle.db;
      if (sub === "add-platform") {
        const input = Object.fromEntries(
          Object.entries(FLAG_TO_FIELD).flatMap(([flag, field]) => (typeof flags[flag] === "string" ? [[field, flags[flag]]] : [])),
        );
        const out = await db.transaction((tx) => registerPlatform(tx, input as never, null));
        console.log(
          `${out.created ? "registered" : "updated"} platform ${out.issuer} (client ${out.clientId}), deployment ${out.deploymentId} → offering ${out.offering}, in ${handle.description}`,
        );
        console.log("Give the LMS these tool URLs (LTI_TOOL_URL or AUTH_URL is this site's public origin):");
        console.log("  OIDC login initiation: <site>/api/lti/login\n  Redirect (launch) URI: <site>/api/lti/launch\n  Public keyset (JWKS): <site>/api/lti/jwks");
      } else if (sub === "list") {
        const platforms = await listPlatforms(db);
        if (!platforms.length) console.log("no LTI platform is registered");
        for (const p of platforms) {
          console.log(`${p.issuer}  client ${p.clientId}  (registered ${p.createdAt.toISOString()})`);
          console.log(`  auth ${p.authUrl}\n  token ${p.tokenUrl}\n  jwks ${p.jwksUrl}`);
          for (const d of p.deployments) console.log(`  deployment ${d.deploymentId} → offering ${d.offering}`);
        }
      } else if (sub === "rotate-key") {
        const out = await rotateToolKey(db);
        console.log(`new signing key ${out.kid}; retired ${out.retired.join(", ") || "none"} (still published for 7 days)`);
      } else {
        console.log(JSON.stringify(await toolJwks(db), null, 2));
      }
      return 0;
    } catch (err) {
      if (isAppError(err) && err.code === "validation") {
        console.error(`lti ${sub}: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await closeDb();
    }
  },
};

import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { offerings } from "./offerings";
import { users } from "./users";

/**
 * LTI 1.3 (docs/lti.md). A platform is an LMS registration (issuer + client id, its OIDC, token and JWKS
 * endpoints); each deployment of the tool in it is linked to an offering (db/schema/offerings.ts; "default" unless
 * an instructor links it to another).
 */
export const ltiPlatforms = pgTable(
  "lti_platform",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    authUrl: text("auth_url").notNull(),
    tokenUrl: text("token_url").notNull(),
    jwksUrl: text("jwks_url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("lti_platform_issuer_client").on(t.issuer, t.clientId)],
);

export const ltiDeployments = pgTable(
  "lti_deployment",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    offering: text("offering").notNull().default("default"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.deploymentId] })],
);

/** The tool's own RSA signing keys: generated at first use, rotated by command; retired keys stay published a while. */
export const ltiKeys = pgTable("lti_key", {
  kid: text("kid").primaryKey(),
  publicJwk: jsonb("public_jwk").notNull(),
  privateJwk: jsonb("private_jwk").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

/** One OIDC login initiation: the state (bound to the browser by a cookie) and the nonce the id_token must echo. */
export const ltiLoginStates = pgTable(
  "lti_login_state",
  {
    state: text("state").primaryKey(),
    nonce: text("nonce").notNull(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    targetLinkUri: text("target_link_uri").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("lti_login_state_expires").on(t.expiresAt)],
);

/** Every id_token nonce ever accepted from a platform: a replay finds its row and is refused. */
export const ltiNonces = pgTable(
  "lti_nonce",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    nonce: text("nonce").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.nonce] })],
);

/** An LMS context (a course in the LMS) and the offering it is linked to. */
export const ltiContexts = pgTable(
  "lti_context",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    contextId: text("context_id").notNull(),
    offering: text("offering").notNull(),
    title: text("title"),
    /** NRPS: the context's memberships URL, when the platform offers it. */
    membershipsUrl: text("memberships_url"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.deploymentId, t.contextId] })],
);

/** A resource link placed in the LMS: which assignment it opens and the AGS line item scores go to. */
export const ltiResourceLinks = pgTable(
  "lti_resource_link",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    resourceLinkId: text("resource_link_id").notNull(),
    deploymentId: text("deployment_id").notNull(),
    contextId: text("context_id").notNull(),
    assignment: text("assignment"),
    lineItemUrl: text("line_item_url"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.resourceLinkId] })],
);

export const offeringRoles = ["instructor", "ta", "student"] as const;
export type OfferingRole = (typeof offeringRoles)[number];

/** Who is enrolled in an offering, with which role, and how they came (LTI, join code, roster import). */
export const enrolments = pgTable(
  "enrolment",
  {
    offering: text("offering")
      .notNull()
      .references(() => offerings.slug),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: offeringRoles }).notNull(),
    source: text("source").notNull(),
    /** The section (a roster import's free text, at most 64 characters, or a section slug); null when none. */
    section: text("section"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.userId] })],
);

/** Who the LMS says is in a context (a launch, or an NRPS roster sync): where that user's scores may be sent. */
export const ltiMembers = pgTable(
  "lti_member",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    contextId: text("context_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The LMS's id of the user (the id_token's sub): AGS scores name it. */
    sub: text("sub").notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.contextId, t.userId] })],
);

export const scoreSendStatuses = ["pending", "sent", "failed"] as const;

/**
 * AGS outbox: the final score of one user on one line item, what was last sent and how that went. A change of the
 * final grade (a result, a regrade, an adjustment) sets it pending; a pg-boss job sends it with retries and backoff.
 */
export const ltiScores = pgTable(
  "lti_score",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    lineItemUrl: text("line_item_url").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    sub: text("sub").notNull(),
    scoreGiven: real("score_given").notNull(),
    scoreMaximum: real("score_maximum").notNull(),
    status: text("status", { enum: scoreSendStatuses }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentScore: real("sent_score"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.lineItemUrl, t.userId] }), index("lti_score_status").on(t.status)],
);

/** A deep-linking request from the LMS, waiting for the instructor to pick assignments (single use, short-lived). */
export const ltiDeepLinks = pgTable("lti_deep_link", {
  id: uuid("id").primaryKey().defaultRandom(),
  platformId: uuid("platform_id")
    .notNull()
    .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
  deploymentId: text("deployment_id").notNull(),
  returnUrl: text("return_url").notNull(),
  /** The request's opaque `data`, which the response must echo. */
  data: text("data"),
  acceptMultiple: integer("accept_multiple").notNull().default(1),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** The one drizzle pg schema, shared by PGlite and PostgreSQL. Type-only imports are safe anywhere. */
export * from "./users";
export * from "./grading";
export * from "./progress";
export * from "./instructor";
export * from "./leaderboards";
export * from "./drafts";
export * from "./auth-throttle";
export * from "./assignment-settings";
export * from "./lti";
export * from "./similarity";
export * from "./offerings";

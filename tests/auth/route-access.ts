/**
 * Who may reach each route and page. The list of routes and pages itself comes from the file system
 * (tests/auth/routes.ts); this table only states the intended access of each, and
 * tests/auth/route-authorization.test.ts fails for a route or page that has no entry here, then calls every
 * protected one as an anonymous visitor and as a student and checks that it refuses them. The browser suites
 * (tests/e2e/auth-security.spec.ts, tests/e2e/leaks.spec.ts) read the same table.
 *
 * - "public": anyone, signed in or not (say why in `note`); `anonymous` is what an anonymous GET must answer, when
 *   calling it is cheap and harmless.
 * - "signed-in": an anonymous visitor gets 401 (routes) or the sign-in redirect (pages).
 * - "staff": as "signed-in", and a student gets 403 (routes) or the 403 page (pages); instructors and teaching
 *   assistants are let through.
 * - "instructor": as "staff", and a teaching assistant gets 403 / the 403 page too.
 */
export type Access = "public" | "signed-in" | "staff" | "instructor";

export interface AccessEntry {
  access: Access;
  note?: string;
  /** For public routes: the status (and JSON body) an anonymous GET gets. */
  anonymous?: { status: number; body?: unknown };
  /**
   * The route or page is being written and may not be committed yet: the entry may have no file. Drop the flag when
   * the file lands (the suite then holds it like any other).
   */
  inFlight?: boolean;
}

export const routeAccess: Record<string, AccessEntry> = {
  // API routes (app/**/route.ts).
  "/api/[...path]": { access: "public", note: "404 for any API path without a route", anonymous: { status: 404 } },
  "/api/assignments/[slug]/quota": { access: "signed-in" },
  "/api/assignments/[slug]/submissions": { access: "signed-in" },
  "/api/auth/[...nextauth]": { access: "public", note: "Auth.js: sign-in, callbacks, session, sign-out" },
  "/api/drafts/[slug]": { access: "signed-in" },
  "/api/health": { access: "public", note: "load balancers' probe; says only whether the database answers" },
  "/course-models/[name]/[file]": { access: "public", note: "pretrained course models (public course material, like lessons); exact file names only" },
  "/api/lti/deep-link/[id]": { access: "instructor" },
  "/api/instructor/lti/platforms": { access: "instructor" },
  "/api/instructor/lti/roster-sync": { access: "instructor" },
  "/api/lti/jwks": { access: "public", note: "LTI 1.3: the tool's public keys, for LMSs", anonymous: { status: 200 } },
  "/api/lti/login": { access: "public", note: "LTI 1.3 OIDC login initiation from an LMS (no parameters: 422)", anonymous: { status: 422 } },
  "/api/lti/launch": { access: "public", note: "LTI 1.3 launch: authenticated by the platform's signed id_token and the single-use state" },
  "/api/instructor/adjustments": { access: "staff" },
  "/api/instructor/assignments/[slug]": { access: "staff" },
  "/api/instructor/assignments/[slug]/settings": { access: "instructor" },
  "/api/instructor/audit": { access: "staff" },
  "/api/instructor/course": { access: "instructor" },
  "/api/instructor/extensions": { access: "staff" },
  "/api/instructor/grades": { access: "staff" },
  "/api/instructor/leaderboards/[slug]": { access: "instructor" },
  "/api/instructor/quota-overrides": { access: "staff" },
  "/api/instructor/regrades": { access: "staff" },
  "/api/instructor/roster": { access: "instructor" },
  "/api/instructor/offerings": { access: "instructor", note: "creating one needs an installation instructor (users.role)" },
  "/api/instructor/offerings/[slug]": { access: "instructor", note: "PATCH: rename, dates, archive; an instructor of that offering, or of the installation" },
  "/api/instructor/offerings/[slug]/join-code": { access: "instructor", note: "an instructor of that offering, or of the installation" },
  "/api/instructor/offerings/[slug]/sections": { access: "instructor", note: "an instructor of that offering, or of the installation" },
  "/api/offerings": { access: "signed-in", note: "the offerings the caller may select" },
  "/api/offerings/active": { access: "signed-in", note: "the offering switcher: only an offering the caller is in" },
  "/api/offerings/join": { access: "signed-in", note: "enrol with a join code" },
  "/api/instructor/regrades/[id]": { access: "staff" },
  "/api/instructor/similarity": { access: "staff" },
  "/api/instructor/similarity/[id]": { access: "staff" },
  "/api/instructor/similarity/[id]/pairs/[pairId]": { access: "staff" },
  "/api/instructor/submissions/[id]": { access: "staff" },
  "/api/instructor/submissions/[id]/result": { access: "staff" },
  "/api/leaderboards/[slug]": { access: "signed-in" },
  "/api/leaderboards/[slug]/choice": { access: "signed-in" },
  "/api/me": { access: "public", note: "who is signed in, or null", anonymous: { status: 200, body: { user: null } } },
  "/api/preview/events": {
    access: "public",
    note: "course preview's change events; 404 unless the server runs in preview mode",
    anonymous: { status: 404 },
  },
  "/api/progress": { access: "signed-in" },
  "/api/progress/lessons/[slug]": { access: "signed-in" },
  "/api/signup": { access: "public", note: "public sign-up; a signed-in caller gets 409" },
  "/api/submissions": { access: "signed-in" },
  "/api/submissions/[id]": { access: "signed-in" },
  "/api/submissions/[id]/events": { access: "signed-in" },
  "/api/submissions/[id]/source": { access: "signed-in" },
  "/api/system/grading": {
    access: "public",
    note: "the instructor banner: null for anyone but an instructor",
    anonymous: { status: 200, body: { grading: null } },
  },
  // Pages (app/**/page.tsx).
  "/": { access: "public", note: "the course's front page" },
  "/assignments": { access: "public", note: "the list of assignments" },
  "/assignments/[slug]": { access: "public", note: "the workspace; drafts, quota and results load per student" },
  "/assignments/[slug]/history": { access: "signed-in" },
  "/assignments/[slug]/history/[id]": { access: "signed-in" },
  "/assignments/[slug]/leaderboard": { access: "signed-in" },
  "/instructor": { access: "staff" },
  "/lti/deep-link/[id]": { access: "instructor" },
  "/instructor/lti": { access: "instructor" },
  "/instructor/offerings": { access: "instructor" },
  "/instructor/offerings/[slug]/sections": { access: "instructor", note: "an instructor of that offering, or of the installation" },
  "/join": { access: "signed-in", note: "the student's offerings and the join-code form" },
  "/instructor/assignments/[slug]": { access: "staff" },
  "/instructor/course": { access: "instructor" },
  "/instructor/assignments/[slug]/settings": { access: "instructor" },
  "/instructor/assignments/[slug]/similarity": { access: "staff" },
  "/instructor/assignments/[slug]/students/[userId]": { access: "staff" },
  "/instructor/submissions/[id]": { access: "staff" },
  "/lessons": { access: "public", note: "lessons are public course material" },
  "/lessons/[slug]": { access: "public", note: "lessons are public course material" },
  "/progress": { access: "signed-in" },
  "/signin": { access: "public", note: "sign-in form" },
  "/signup": { access: "public", note: "sign-up form" },
};

/** The patterns with the given access, in the table's order. */
export function withAccess(access: Access): string[] {
  return Object.entries(routeAccess)
    .filter(([, e]) => e.access === access)
    .map(([pattern]) => pattern);
}

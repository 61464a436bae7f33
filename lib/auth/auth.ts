import "server-only";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { createOAuthUser } from "../users/create-user";
import { resolveAuthSecret } from "./secret";
import { SESSION_MAX_AGE_S } from "./session-cookie";
import { authorizeCredentials } from "./credentials";
import { revokeSessions, sessionStillValid } from "./session-floor";

export function githubEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never);
  const adapter: Adapter = { ...base, createUser: (user) => createOAuthUser(db, user) };
  return {
    adapter,
    secret: resolveAuthSecret(),
    trustHost: true,
    // Credentials sign-in requires JWT sessions; the role is read from the database on every request instead.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const user = await authorizeCredentials(db, credentials, request.headers);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...(githubEnabled() ? [GitHub] : []),
    ],
    callbacks: {
      // Runs on every auth(): a fresh token at sign-in (never one planted before it), refused once revoked.
      async jwt({ token, user }) {
        if (user) return { ...token, authAt: Date.now() };
        if (!token.sub || !(await sessionStillValid(db, token.sub, token.authAt))) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out ends every session of the user, not only this browser's cookie.
      async signOut(message) {
        const sub = "token" in message ? message.token?.sub : undefined;
        if (sub) await revokeSessions(db, sub);
      },
    },
  };
});

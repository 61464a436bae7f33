import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { RegisterPlatformForm, RosterSyncButton } from "@/components/instructor/lti-forms";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { getLtiOverview } from "@/lib/lti/get-lti-overview";
import { listMyOfferings } from "@/lib/offerings/list-offerings";
import { configuredToolOrigin } from "@/lib/lti/tool-origin";

export const metadata: Metadata = { title: "LMS (LTI 1.3)" };
export const dynamic = "force-dynamic";

export default async function LtiPage() {
  const actor = await requireInstructorPage("/instructor/lti");
  const db = await getDb();
  const o = await getLtiOverview({ ctx: { db, actor } });
  const { offerings } = await listMyOfferings({ ctx: { db, actor } });
  const h = await headers();
  const site = configuredToolOrigin() ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  return (
    <section aria-labelledby="lti-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link>
      </p>
      <h1 id="lti-title">LMS (LTI 1.3)</h1>
      <h2>This tool, for your LMS's registration</h2>
      <dl>
        <dt>OIDC login initiation URL</dt>
        <dd>
          <code>{site}/api/lti/login</code>
        </dd>
        <dt>Redirect (launch) URI</dt>
        <dd>
          <code>{site}/api/lti/launch</code>
        </dd>
        <dt>Public keyset (JWKS) URL</dt>
        <dd>
          <code>{site}/api/lti/jwks</code>
        </dd>
        <dt>Services</dt>
        <dd>Deep Linking 2.0, Assignment and Grade Services (scores), Names and Role Provisioning Services</dd>
      </dl>
      <h2>Registered platforms</h2>
      {o.platforms.length === 0 ? <p>No LMS is registered yet.</p> : null}
      <ul data-testid="lti-platforms">
        {o.platforms.map((p) => (
          <li key={p.id}>
            <code>{p.issuer}</code>, client <code>{p.clientId}</code>; deployments:{" "}
            {p.deployments.map((d) => `${d.deploymentId} → ${d.offering}`).join(", ")}
          </li>
        ))}
      </ul>
      <h2>Register an LMS</h2>
      <RegisterPlatformForm
        offerings={offerings.filter((x) => !x.archived).map((x) => ({ slug: x.slug, title: x.title }))}
      />
      <h2>LMS courses</h2>
      {o.contexts.length === 0 ? <p>No LMS course has launched this tool yet.</p> : null}
      <ul>
        {o.contexts.map((c) => (
          <li key={`${c.platformId} ${c.deploymentId} ${c.contextId}`}>
            {c.title ?? c.contextId} (<code>{c.issuer}</code>) → {c.offering}{" "}
            {c.roster ? (
              <RosterSyncButton platformId={c.platformId} deploymentId={c.deploymentId} contextId={c.contextId} />
            ) : (
              <span className="muted">the LMS offers no roster service here</span>
            )}
          </li>
        ))}
      </ul>
      <h2>Grades sent to the LMS</h2>
      <p data-testid="lti-score-counts">
        {o.counts.sent} sent, {o.counts.pending} pending (retried with backoff), {o.counts.failed} failed (retried
        hourly).
      </p>
      {o.scores.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Assignment</th>
              <th scope="col">Score</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
              <th scope="col">Last error</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {o.scores.map((s) => (
              <tr key={`${s.email} ${s.lineItemUrl}`}>
                <td>{s.email}</td>
                <td>{s.assignment}</td>
                <td>
                  {s.scoreGiven} / {s.scoreMaximum}
                </td>
                <td>{s.status}</td>
                <td>{s.attempts}</td>
                <td>{s.lastError ?? ""}</td>
                <td>{s.sentAt ? `${s.sentScore} at ${utc(s.sentAt)}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

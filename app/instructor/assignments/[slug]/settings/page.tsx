import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { AuditList } from "@/components/instructor/audit-list";
import { policyText, utc } from "@/components/instructor/format";
import styles from "@/components/instructor/instructor.module.css";
import { RubricForm } from "@/components/instructor/rubric-form";
import { SettingsForms } from "@/components/instructor/settings-forms";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { getAssignmentSettings } from "@/lib/instructor/get-assignment-settings";
import { orNotFound } from "@/lib/instructor/or-not-found";

export const metadata: Metadata = { title: "Assignment settings" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Term settings of one assignment: each file default beside its override, edited without touching files. */
export default async function AssignmentSettingsPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireInstructorPage(`/instructor/assignments/${slug}/settings`);
  const d = await orNotFound(getAssignmentSettings({ ctx: { db: await getDb(), actor }, input: { assignment: slug } }));
  const o = d.overrides;
  const rows: [string, string, string, string][] = [
    ["Due date", utc(d.defaults.due), o.due === undefined ? "—" : utc(o.due), utc(d.effective.due)],
    [
      "Late policy",
      policyText(d.defaults.late_policy),
      o.late_policy === undefined ? "—" : policyText(o.late_policy),
      policyText(d.effective.late_policy),
    ],
    [
      "Daily quota",
      String(d.defaults.quota_daily),
      o.quota_daily === undefined ? "—" : String(o.quota_daily),
      String(d.effective.quota_daily),
    ],
    [
      "Cooldown",
      `${d.defaults.cooldown_seconds} s`,
      o.cooldown_seconds === undefined ? "—" : `${o.cooldown_seconds} s`,
      `${d.effective.cooldown_seconds} s`,
    ],
    ["Points", String(d.defaults.points), o.rubric ? "rubric override" : "—", String(d.effective.points)],
  ];
  return (
    <section aria-labelledby="settings-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link> ·{" "}
        <Link href={`/instructor/assignments/${d.slug}`}>{d.title}</Link> ·{" "}
        <Link href={`/assignments/${d.slug}`}>student page</Link>
      </p>
      <h1 id="settings-title">Settings of {d.title}</h1>
      <p>
        Changes here apply at once, over <code>assignment.yaml</code>, without touching files; every change is audited.
        Students&apos; own extensions and quota overrides still apply on top.{" "}
        {d.updatedAt
          ? `Last changed ${utc(d.updatedAt)}${d.updatedBy ? ` by ${d.updatedBy}` : ""}.`
          : "No override yet."}
      </p>
      {d.problem ? (
        <p className={styles.error} role="alert">
          {d.problem}
        </p>
      ) : null}
      {d.stale.length ? (
        <p role="alert">
          The rubric override names checks this assignment no longer has ({d.stale.join(", ")}); they are ignored. Clear
          the rubric override to drop them.
        </p>
      ) : null}
      <table data-testid="settings-summary">
        <caption className="muted">Each setting: the file default, the override, and what applies now</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">File default</th>
            <th scope="col">Override</th>
            <th scope="col">Applies now</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, def, over, now]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{def}</td>
              <td>{over}</td>
              <td>{now}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Change a setting</h2>
      <SettingsForms
        assignment={d.slug}
        due={{
          default: d.defaults.due.toISOString(),
          ...(o.due !== undefined ? { override: new Date(o.due).toISOString() } : {}),
          effective: d.effective.due.toISOString(),
        }}
        latePolicy={{
          default: d.defaults.late_policy,
          ...(o.late_policy !== undefined ? { override: o.late_policy } : {}),
          effective: d.effective.late_policy,
        }}
        quotaDaily={{
          default: d.defaults.quota_daily,
          ...(o.quota_daily !== undefined ? { override: o.quota_daily } : {}),
          effective: d.effective.quota_daily,
        }}
        cooldown={{
          default: d.defaults.cooldown_seconds,
          ...(o.cooldown_seconds !== undefined ? { override: o.cooldown_seconds } : {}),
          effective: d.effective.cooldown_seconds,
        }}
      />
      <RubricForm assignment={d.slug} rows={d.rubric} note={d.rubricNote} />
      <h2>Changes to these settings</h2>
      <AuditList rows={d.audit} />
    </section>
  );
}

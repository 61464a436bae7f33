"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RosterSyncReport } from "@/lib/lti/nrps/sync-roster";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

const FIELDS = [
  ["issuer", "Issuer (iss)", "https://canvas.instructure.com"],
  ["clientId", "Client ID", ""],
  ["authUrl", "OIDC authorisation URL", "https://lms.example/api/lti/authorize_redirect"],
  ["tokenUrl", "Access token URL", "https://lms.example/login/oauth2/token"],
  ["jwksUrl", "Public keyset (JWKS) URL", "https://lms.example/api/lti/security/jwks"],
  ["deploymentId", "Deployment ID", ""],
] as const;

/**
 * Registers an LMS; the values stay in the form when the server refuses them, with the reason. The deployment is
 * linked to the chosen offering: its launches enrol there.
 */
export function RegisterPlatformForm({ offerings = [] }: { offerings?: { slug: string; title: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    const body = { ...values, offering: values.offering || "default" };
    const res = await sendJson<{ created: boolean; issuer: string; offering: string }>(
      "POST",
      "/api/instructor/lti/platforms",
      body,
    );
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setDone(
      `${res.data.created ? "Registered" : "Updated"} ${res.data.issuer}; its launches enrol into ${res.data.offering}.`,
    );
    router.refresh();
  };
  return (
    <form onSubmit={submit} data-testid="lti-register">
      {FIELDS.map(([name, label, placeholder]) => (
        <p key={name}>
          <label>
            {label}{" "}
            <input
              name={name}
              required
              value={values[name] ?? ""}
              placeholder={placeholder}
              onChange={(ev) => setValues({ ...values, [name]: ev.target.value })}
            />
          </label>
        </p>
      ))}
      <p>
        <label>
          Offering its launches enrol into{" "}
          <select
            name="offering"
            value={values.offering ?? "default"}
            onChange={(ev) => setValues({ ...values, offering: ev.target.value })}
          >
            {(offerings.some((o) => o.slug === "default")
              ? offerings
              : [{ slug: "default", title: "default" }, ...offerings]
            ).map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.title} ({o.slug})
              </option>
            ))}
          </select>
        </label>
      </p>
      <button type="submit" disabled={busy}>
        Register the LMS
      </button>
      <p role="status">{done}</p>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Reads one LMS course's roster (NRPS) and shows what changed. */
export function RosterSyncButton(props: { platformId: string; deploymentId: string; contextId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sync = async () => {
    setBusy(true);
    setError(null);
    const res = await sendJson<RosterSyncReport>("POST", "/api/instructor/lti/roster-sync", props);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    const r = res.data;
    setMessage(
      `${r.members} members: ${r.enrolled} enrolled, ${r.changed} changed, ${r.unchanged} unchanged, ${r.inactive} inactive in the LMS${r.invalid.length ? `; ${r.invalid.length} invalid entries (${r.invalid.slice(0, 3).join("; ")})` : ""}.`,
    );
  };
  return (
    <span>
      <button type="button" onClick={sync} disabled={busy}>
        Sync roster
      </button>{" "}
      <span role="status">{message}</span>
      {error ? (
        <span className={styles.error} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

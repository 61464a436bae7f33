"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/instructor/send-json";

/** Sends one JSON request; its reason stays on screen when refused (shared by the offering and section forms). */
export function useSend() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async <T,>(url: string, body: unknown, ok: (data: T) => string, method: "POST" | "PATCH" = "POST") => {
    setBusy(true);
    setError(null);
    setDone(null);
    const res = await sendJson<T>(method, url, body);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setDone(ok(res.data));
    router.refresh();
  };
  const status = (
    <>
      <p role="status">{done}</p>
      {error ? <p role="alert">{error}</p> : null}
    </>
  );
  return { send, busy, status };
}

const FIELDS = [
  ["slug", "Slug (in URLs: ?offering=…)", "ssl-spring-2027", true],
  ["title", "Title", "SSL, spring 2027", true],
  ["term", "Term", "Spring 2027", false],
  ["startsAt", "Starts (ISO 8601)", "2027-02-01T00:00:00Z", false],
  ["endsAt", "Ends (ISO 8601)", "2027-06-30T23:59:00Z", false],
] as const;

/**
 * Creates an offering of one of the installation's course packages (a choice when there are several); joining by
 * code starts turned off.
 */
export function CreateOfferingForm({ courses = ["default"] }: { courses?: string[] }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const { send, busy, status } = useSend();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    void send<{ slug: string }>("/api/instructor/offerings", body, (o) => `Created ${o.slug}.`);
  };
  return (
    <form onSubmit={submit} data-testid="offering-create">
      {FIELDS.map(([name, label, placeholder, required]) => (
        <p key={name}>
          <label>
            {label}{" "}
            <input
              name={name}
              required={required}
              value={values[name] ?? ""}
              placeholder={placeholder}
              onChange={(ev) => setValues({ ...values, [name]: ev.target.value })}
            />
          </label>
        </p>
      ))}
      {courses.length > 1 ? (
        <p>
          <label>
            Course package{" "}
            <select
              name="course"
              value={values.course ?? courses[0]}
              onChange={(ev) => setValues({ ...values, course: ev.target.value })}
            >
              {courses.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Create the offering
      </button>
      {status}
    </form>
  );
}

/** Turns an offering's join code on or off, or replaces it (the old code stops working). */
export function JoinCodeControls({ offering, enabled }: { offering: string; enabled: boolean }) {
  const { send, busy, status } = useSend();
  const act = (action: "enable" | "disable" | "regenerate") =>
    send<{ joinEnabled: boolean }>(`/api/instructor/offerings/${offering}/join-code`, { action }, (r) =>
      r.joinEnabled ? "Joining by code is on." : "Joining by code is off.",
    );
  return (
    <span data-testid={`join-code-${offering}`}>
      <button type="button" disabled={busy} onClick={() => void act(enabled ? "disable" : "enable")}>
        {enabled ? "Turn joining off" : "Turn joining on"}
      </button>{" "}
      <button type="button" disabled={busy} onClick={() => void act("regenerate")}>
        New code
      </button>
      {status}
    </span>
  );
}

/** A student types the code their instructor gave them. */
export function JoinForm() {
  const [code, setCode] = useState("");
  const { send, busy, status } = useSend();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void send<{ title: string; joined: boolean }>("/api/offerings/join", { code }, (r) =>
      r.joined ? `You joined ${r.title}.` : `You are already in ${r.title}.`,
    );
  };
  return (
    <form onSubmit={submit} data-testid="offering-join">
      <label>
        Join code <input name="code" required value={code} onChange={(e) => setCode(e.target.value)} />
      </label>{" "}
      <button type="submit" disabled={busy}>
        Join
      </button>
      {status}
    </form>
  );
}

/** Makes one of the user's offerings the active one (a cookie; ?offering= in a URL still wins). */
export function SelectOfferingButton({ offering }: { offering: string }) {
  const { send, busy, status } = useSend();
  return (
    <span>
      <button
        type="button"
        disabled={busy}
        onClick={() => void send("/api/offerings/active", { offering }, () => `Now working in ${offering}.`)}
      >
        Work in this offering
      </button>
      {status}
    </span>
  );
}

export interface EditableOffering {
  slug: string;
  title: string;
  term: string | null;
  startsAt: string | null;
  endsAt: string | null;
  archived: boolean;
}

const EDIT_FIELDS = [
  ["title", "Title"],
  ["term", "Term"],
  ["startsAt", "Starts (ISO 8601)"],
  ["endsAt", "Ends (ISO 8601)"],
] as const;

/**
 * Renames an offering or changes its term and dates; an emptied term or date is cleared. The values stay in the
 * form when the server refuses them, with the reason.
 */
export function EditOfferingForm({ offering }: { offering: EditableOffering }) {
  const initial = {
    title: offering.title,
    term: offering.term ?? "",
    startsAt: offering.startsAt ?? "",
    endsAt: offering.endsAt ?? "",
  };
  const [values, setValues] = useState<Record<string, string>>(initial);
  const { send, busy, status } = useSend();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = {
      title: values.title,
      term: values.term?.trim() ? values.term : null,
      startsAt: values.startsAt?.trim() ? values.startsAt.trim() : null,
      endsAt: values.endsAt?.trim() ? values.endsAt.trim() : null,
    };
    void send<{ title: string }>(
      `/api/instructor/offerings/${offering.slug}`,
      body,
      (o) => `Saved ${o.title}.`,
      "PATCH",
    );
  };
  return (
    <form onSubmit={submit} data-testid={`offering-edit-${offering.slug}`}>
      {EDIT_FIELDS.map(([name, label]) => (
        <p key={name}>
          <label>
            {label}{" "}
            <input
              name={name}
              required={name === "title"}
              value={values[name] ?? ""}
              onChange={(ev) => setValues({ ...values, [name]: ev.target.value })}
            />
          </label>
        </p>
      ))}
      <button type="submit" disabled={busy}>
        Save {offering.slug}
      </button>
      {status}
    </form>
  );
}

/** Archives an offering (kept for reading; no submissions, no joins, out of the switcher) or brings it back. */
export function ArchiveOfferingButton({ offering, archived }: { offering: string; archived: boolean }) {
  const { send, busy, status } = useSend();
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          void send<{ archived: boolean }>(
            `/api/instructor/offerings/${offering}`,
            { archived: !archived },
            (o) => (o.archived ? `Archived ${offering}.` : `${offering} is open again.`),
            "PATCH",
          )
        }
      >
        {archived ? `Reopen ${offering}` : `Archive ${offering}`}
      </button>
      {status}
    </span>
  );
}

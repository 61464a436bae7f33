"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

type Props = {
  userId: string;
  assignment: string;
  extensionUntil: string | null;
  quota: { daily: number | null; cooldownSeconds: number | null; defaults: { daily: number; cooldownSeconds: number } };
  adjustment: number;
};

function useSubmit() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (url: string, body: unknown, done: string) => {
    const res = await sendJson("PUT", url, body);
    setMessage(res.ok ? { ok: true, text: done } : { ok: false, text: res.error });
    if (res.ok) router.refresh();
  };
  const note = message ? (
    <p className={message.ok ? styles.ok : styles.error} role={message.ok ? "status" : "alert"}>
      {message.text}
    </p>
  ) : null;
  return { send, note };
}

const optionalInt = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? Number(v) : null);

/** Extension, quota override and manual adjustment for one student on one assignment. */
export function StudentControls(p: Props) {
  const ext = useSubmit();
  const quota = useSubmit();
  const adj = useSubmit();
  const base = { userId: p.userId, assignment: p.assignment };
  const onExtension = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const local = String(f.get("until") ?? "");
    const remove = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "remove";
    void ext.send(
      "/api/instructor/extensions",
      { ...base, until: remove ? null : local ? new Date(local).toISOString() : "", reason: f.get("reason") },
      remove ? "Extension removed." : "Extension saved.",
    );
  };
  const onQuota = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void quota.send(
      "/api/instructor/quota-overrides",
      {
        ...base,
        daily: optionalInt(f.get("daily")),
        cooldownSeconds: optionalInt(f.get("cooldown")),
        reason: f.get("reason"),
      },
      "Quota saved.",
    );
  };
  const onAdjust = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void adj.send(
      "/api/instructor/adjustments",
      { ...base, points: Number(f.get("points")), reason: f.get("reason") },
      "Adjustment saved.",
    );
  };
  return (
    <div>
      <h3>Deadline extension</h3>
      <p className="muted">
        Current:{" "}
        {p.extensionUntil ? `${new Date(p.extensionUntil).toISOString().replace("T", " ").slice(0, 16)} UTC` : "none"}.
        Times you enter are in your browser's time zone.
      </p>
      <form onSubmit={onExtension} className={styles.row} aria-label="Deadline extension">
        <label>
          New deadline
          <input type="datetime-local" name="until" />
        </label>
        <label>
          Reason
          <input name="reason" required maxLength={500} />
        </label>
        <button type="submit" value="save">
          Save extension
        </button>
        <button type="submit" value="remove" className="secondary">
          Remove extension
        </button>
      </form>
      {ext.note}
      <h3>Quota override</h3>
      <p className="muted">
        Assignment default: {p.quota.defaults.daily} a day, cooldown {p.quota.defaults.cooldownSeconds} s. Leave a field
        empty to use the default; both empty removes the override.
      </p>
      <form onSubmit={onQuota} className={styles.row} aria-label="Quota override">
        <label>
          Daily submissions
          <input type="number" name="daily" min={1} max={1000} defaultValue={p.quota.daily ?? ""} />
        </label>
        <label>
          Cooldown (s)
          <input type="number" name="cooldown" min={0} max={86400} defaultValue={p.quota.cooldownSeconds ?? ""} />
        </label>
        <label>
          Reason
          <input name="reason" required maxLength={500} />
        </label>
        <button type="submit">Save quota</button>
      </form>
      {quota.note}
      <h3>Manual score adjustment</h3>
      <p className="muted">
        Points added to the final grade after the late penalty (negative deducts; 0 removes). Current: {p.adjustment}.
      </p>
      <form onSubmit={onAdjust} className={styles.row} aria-label="Score adjustment">
        <label>
          Points
          <input type="number" name="points" step="any" required defaultValue={p.adjustment} />
        </label>
        <label>
          Reason
          <input name="reason" required maxLength={500} />
        </label>
        <button type="submit">Save adjustment</button>
      </form>
      {adj.note}
    </div>
  );
}

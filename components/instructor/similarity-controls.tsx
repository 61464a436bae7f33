"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

/** Asks for a new similarity report of the assignment (optionally with another threshold) and shows it queued. */
export function ComputeReportButton({ assignment, threshold }: { assignment: string; threshold: number }) {
  const router = useRouter();
  const [value, setValue] = useState(String(threshold));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await sendJson<{ id: string }>("POST", "/api/instructor/similarity", {
      assignment,
      threshold: Number(value),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    router.push(`/instructor/assignments/${assignment}/similarity?report=${res.data.id}`);
    router.refresh();
  };
  return (
    <form onSubmit={start} data-testid="similarity-request">
      <div className={styles.row}>
        <label htmlFor="similarity-threshold">List pairs from similarity</label>
        <input
          id="similarity-threshold"
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? "Queueing…" : "Compute report"}
        </button>
      </div>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Refreshes the page's data every few seconds while a report is queued or running. */
export function RefreshWhileRunning({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [running, router]);
  return running ? (
    <p aria-live="polite" className="muted">
      The report is being computed; this page updates by itself.
    </p>
  ) : null;
}

"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import styles from "./instructor.module.css";

type Progress = { total: number; done: number; failed: number; changed: number; finished: boolean };

/** Follows a regrade batch until every submission in it is graded or failed, then refreshes the page's data. */
export function RegradeProgress({ id }: { id: string }) {
  const router = useRouter();
  const [p, setP] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    // Refresh the page's data once, when this component saw the batch finish (not for one finished long ago).
    let sawRunning = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/instructor/regrades/${id}`, { cache: "no-store" });
        const body = await res.json();
        if (!live) return;
        if (!res.ok) return setError(body?.error?.message ?? "Could not read the regrade's progress.");
        setP(body);
        if (!body.finished) {
          sawRunning = true;
          timer = setTimeout(poll, 1500);
        } else if (sawRunning) router.refresh();
      } catch {
        if (live) timer = setTimeout(poll, 3000);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, router]);
  if (error) return <p className={styles.error}>{error}</p>;
  if (!p) return <p aria-live="polite">Regrade queued…</p>;
  return (
    <div aria-live="polite" data-testid="regrade-progress">
      <progress className={styles.progress} max={p.total} value={p.done} />{" "}
      <span>
        {p.finished ? "Regrade finished" : "Regrading"}: {p.done} of {p.total} done
        {p.failed ? `, ${p.failed} failed` : ""}, {p.changed} score(s) changed.
      </span>
    </div>
  );
}

"use client";
import { useState } from "react";
import { RegradeProgress } from "./regrade-progress";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

/** Starts a regrade of one submission or a whole assignment and shows its progress. */
export function RegradeButton({
  target,
  label,
}: {
  target: { assignment: string } | { submissionId: string };
  label: string;
}) {
  const [batch, setBatch] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    if (
      "assignment" in target &&
      !window.confirm("Regrade every graded submission of this assignment with the current grader?")
    )
      return;
    setBusy(true);
    setError(null);
    const res = await sendJson<{ batchId: string }>("POST", "/api/instructor/regrades", target);
    setBusy(false);
    if (res.ok) setBatch(res.data.batchId);
    else setError(res.error);
  };
  return (
    <div data-testid={"assignment" in target ? "regrade-all" : "regrade-one"}>
      <button type="button" onClick={start} disabled={busy} className="secondary">
        {label}
      </button>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      {batch ? <RegradeProgress key={batch} id={batch} /> : null}
    </div>
  );
}

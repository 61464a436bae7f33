"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

type Action =
  | { action: "reveal"; force?: boolean }
  | { action: "unreveal" | "freeze" | "unfreeze" }
  | { action: "hide-row"; userId: string; reason: string }
  | { action: "show-row"; userId: string };

/** Posts one leaderboard control action and refreshes the page. */
export function useLeaderboardAction(assignment: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const run = async (body: Action) => {
    setError(null);
    const res = await sendJson("POST", `/api/instructor/leaderboards/${assignment}`, body);
    if (res.ok) router.refresh();
    else setError(res.error);
  };
  return { run, error };
}

export function LeaderboardControls({
  assignment,
  revealed,
  frozen,
}: {
  assignment: string;
  revealed: boolean;
  frozen: boolean;
}) {
  const { run, error } = useLeaderboardAction(assignment);
  const [force, setForce] = useState(false);
  return (
    <div>
      <div className={styles.row}>
        {revealed ? (
          <button type="button" className="secondary" onClick={() => run({ action: "unreveal" })}>
            Hide private leaderboard
          </button>
        ) : (
          <>
            <button type="button" onClick={() => run({ action: "reveal", force })}>
              Reveal private leaderboard
            </button>
            <label>
              <span>
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> even if
                extensions are still running
              </span>
            </label>
          </>
        )}
        <button type="button" className="secondary" onClick={() => run({ action: frozen ? "unfreeze" : "freeze" })}>
          {frozen ? "Unfreeze leaderboard" : "Freeze leaderboard"}
        </button>
      </div>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Hides a student's row from the students' board (with a reason) or shows it again. */
export function HideRowButton({ assignment, userId, hidden }: { assignment: string; userId: string; hidden: boolean }) {
  const { run, error } = useLeaderboardAction(assignment);
  const click = () => {
    if (hidden) return void run({ action: "show-row", userId });
    const reason = window.prompt("Why hide this row? (kept in the audit log)");
    if (reason?.trim()) void run({ action: "hide-row", userId, reason });
  };
  return (
    <>
      <button type="button" className="link" onClick={click}>
        {hidden ? "Show row" : "Hide row"}
      </button>
      {error ? (
        <span className={styles.error} role="alert">
          {" "}
          {error}
        </span>
      ) : null}
    </>
  );
}

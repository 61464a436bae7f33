"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/instructor/send-json";
import { utc } from "@/components/instructor/format";
import styles from "@/components/instructor/instructor.module.css";

type Own = { id: string; createdAt: string; public: number; private?: number | null; chosen: boolean };

/** The student's own scored submissions, with a choice of which one counts on the board. */
export function ChooseSubmission({
  assignment,
  submissions,
  locked,
  metric,
}: {
  assignment: string;
  submissions: Own[];
  locked: boolean;
  metric: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const choose = async (submissionId: string | null) => {
    setError(null);
    const res = await sendJson("PUT", `/api/leaderboards/${assignment}/choice`, { submissionId });
    if (res.ok) router.refresh();
    else setError(res.error);
  };
  if (submissions.length === 0) return <p>You have no scored submission on this board yet.</p>;
  const anyChosen = submissions.some((s) => s.chosen);
  return (
    <div>
      <p className="muted">
        {anyChosen ? "Your chosen submission counts." : "Your best public score counts (ties: the earlier submission)."}{" "}
        The same submission counts on the private board.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Submitted</th>
            <th scope="col" className={styles.num}>
              {metric} (public)
            </th>
            {submissions.some((s) => "private" in s) ? (
              <th scope="col" className={styles.num}>
                {metric} (private)
              </th>
            ) : null}
            <th scope="col">Counts</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr key={s.id}>
              <td>{utc(s.createdAt)}</td>
              <td className={styles.num}>{s.public}</td>
              {"private" in s ? <td className={styles.num}>{s.private ?? "—"}</td> : null}
              <td>
                {s.chosen ? (
                  <>
                    chosen{" "}
                    {!locked ? (
                      <button type="button" className="link" onClick={() => choose(null)}>
                        (use my best)
                      </button>
                    ) : null}
                  </>
                ) : !locked ? (
                  <button type="button" className="link" onClick={() => choose(s.id)}>
                    Count this one
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

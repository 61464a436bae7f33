import type { BoardRow } from "@/lib/leaderboards/get-leaderboard";
import { HideRowButton } from "@/components/instructor/leaderboard-controls";
import styles from "@/components/instructor/instructor.module.css";

/** The board: rank, pseudonym, public (and after the reveal, private) value; the viewer's own row is highlighted. */
export function LeaderboardTable({
  rows,
  metric,
  showPrivate,
  instructor,
  assignment,
}: {
  rows: BoardRow[];
  metric: string;
  showPrivate: boolean;
  instructor: boolean;
  assignment: string;
}) {
  if (rows.length === 0) return <p>No graded submission with a leaderboard score yet.</p>;
  return (
    <div className={styles.scroll}>
      <table data-testid="leaderboard">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Pseudonym</th>
            {instructor ? <th scope="col">Student</th> : null}
            <th scope="col" className={styles.num}>
              {metric} (public)
            </th>
            {showPrivate ? (
              <th scope="col" className={styles.num}>
                {metric} (private)
              </th>
            ) : null}
            <th scope="col" className={styles.num}>
              Entries
            </th>
            {instructor ? <th scope="col">Row</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.alias}
              className={r.mine ? styles.mine : r.hidden ? styles.hiddenRow : undefined}
              aria-current={r.mine ? "true" : undefined}
            >
              <td>{r.rank ?? "hidden"}</td>
              <td>
                {r.alias}
                {r.mine ? " (you)" : ""}
              </td>
              {instructor ? <td>{r.email}</td> : null}
              <td className={styles.num}>{r.public}</td>
              {showPrivate ? <td className={styles.num}>{r.private ?? "—"}</td> : null}
              <td className={styles.num}>{r.entries}</td>
              {instructor && r.userId ? (
                <td>
                  <HideRowButton assignment={assignment} userId={r.userId} hidden={!!r.hidden} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import styles from "./instructor.module.css";
import { num } from "./format";

type Test = {
  name?: string;
  check?: string;
  score?: number;
  max_score?: number;
  status?: string;
  visibility?: string;
  output?: string;
  error?: { kind: string; message: string } | null;
};
type Result = {
  tests?: Test[];
  leaderboard?: { name: string; value: unknown }[];
  output?: string;
  error?: { kind: string; message: string } | null;
};

/** The full result for instructors: every check with its visibility (hidden ones included), logs and leaderboard entries. */
export function ResultView({ result }: { result: unknown }) {
  const r = (result ?? {}) as Result;
  return (
    <div>
      {r.error ? (
        <p className={styles.error}>
          Error ({r.error.kind}): {r.error.message}
        </p>
      ) : null}
      <h3>Checks</h3>
      <table data-testid="result-tests">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Visibility</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.num}>
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {(r.tests ?? []).map((t, i) => (
            <tr key={`${t.check ?? t.name}-${i}`}>
              <td>
                {t.name} {t.check ? <code>{t.check}</code> : null}
                {t.output ? (
                  <details>
                    <summary>output</summary>
                    <pre className={styles.code}>{t.output}</pre>
                  </details>
                ) : null}
              </td>
              <td>{t.visibility ?? "visible"}</td>
              <td>{t.status ?? "—"}</td>
              <td className={styles.num}>
                {num(t.score)} / {num(t.max_score)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.leaderboard?.length ? (
        <>
          <h3>Leaderboard entries</h3>
          <ul>
            {r.leaderboard.map((e) => (
              <li key={e.name}>
                <code>{e.name}</code> = {String(e.value)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Grader log</h3>
      <pre className={styles.code}>{r.output || "(empty)"}</pre>
      <details>
        <summary>Raw result JSON</summary>
        <pre className={styles.code}>{JSON.stringify(result, null, 2)}</pre>
      </details>
    </div>
  );
}

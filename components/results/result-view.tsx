"use client";
/**
 * A graded result as the student may see it: total, one row per rubric item with its feedback and artifacts,
 * hidden items as pass/fail only, and a note for points that appear after the due date. Positions in compile and
 * runtime errors are links that move the editor there (when an editor is around).
 */
import { findErrorLocations } from "@/components/workspace/error-locations";
import { ArtifactView } from "./artifact-view";
import { drawableArtifacts, type ResultView as Result } from "./result-types";
import "./results.css";

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? "—" : String(Math.round(n * 100) / 100));

function ErrorText({ text, onLocate }: { text: string; onLocate?: (line: number, column: number) => void }) {
  const locations = findErrorLocations(text);
  return (
    <>
      <pre className="result-error-text">{text}</pre>
      {onLocate && locations.length ? (
        <p className="result-locations">
          {locations.slice(0, 5).map((l) => (
            <button
              key={`${l.line}:${l.column}`}
              type="button"
              className="link"
              onClick={() => onLocate(l.line, l.column)}
            >
              Go to line {l.line}
            </button>
          ))}
        </p>
      ) : null}
    </>
  );
}

export function ResultView(props: {
  result: Result;
  passThreshold?: number;
  points?: number;
  /** Late penalty for this submission, when any. */
  penalty?: { fraction: number; daysLate: number; finalScore: number | null } | null;
  onLocate?: (line: number, column: number) => void;
}) {
  const { result, penalty } = props;
  // Before the due date the student view leaves `passed` out (some points are pending); the visible score never
  // exceeds the real one, so reaching the threshold with it is a pass already.
  const passed =
    result.passed ??
    (props.passThreshold !== undefined && props.points !== undefined
      ? result.score >= props.passThreshold * props.points - 1e-9
        ? true
        : undefined
      : undefined);
  return (
    <section className="result-view" aria-label="Result" data-testid="result-view">
      <p className="result-total">
        <strong data-testid="result-score">
          {fmt(result.score)} / {fmt(result.max_score)}
        </strong>{" "}
        points
        {passed === true ? (
          <span className="badge pass">passed</span>
        ) : (
          <span className="badge fail">{passed === false ? "not passed" : "not passed yet"}</span>
        )}
        {result.execution_time !== undefined ? (
          <span className="muted"> · graded in {result.execution_time.toFixed(1)} s</span>
        ) : null}
        {result.backend ? <span className="muted"> · TF.js {result.backend}</span> : null}
      </p>
      {penalty && penalty.fraction > 0 ? (
        <p className="result-penalty">
          Submitted {penalty.daysLate} {penalty.daysLate === 1 ? "day" : "days"} late: −
          {Math.round(penalty.fraction * 100)}%, {fmt(penalty.finalScore)} points count.
        </p>
      ) : null}
      {result.pending_points > 0 ? (
        <p className="muted">
          {fmt(result.pending_points)} more points are graded by checks whose results appear after the due date.
        </p>
      ) : null}
      {result.error ? (
        <div className="result-error" role="alert">
          <strong>
            {result.error.kind === "compile" ? "Your code does not compile" : `Error (${result.error.kind})`}
          </strong>
          <ErrorText text={result.error.message} onLocate={props.onLocate} />
        </div>
      ) : null}
      <ol className="result-tests">
        {result.tests.map((t, i) => {
          const artifacts = drawableArtifacts(t.artifacts);
          const testError =
            t.error && typeof t.error === "object" ? (t.error as { kind?: string; message?: string }) : null;
          return (
            <li key={i} className={`result-test ${t.status ?? ""}`} data-testid="result-test">
              <div className="result-test-head">
                <span className={`status-dot ${t.status ?? "none"}`} aria-hidden="true" />
                <span className="result-test-name">{t.name}</span>
                <span className="result-test-score">
                  {fmt(t.score)} / {fmt(t.max_score)}
                </span>
                <span className="badge">
                  {t.status === "passed" ? "passed" : t.status === "failed" ? "failed" : "not run"}
                </span>
                {t.visibility === "hidden" ? <span className="badge">hidden: pass/fail only</span> : null}
                {t.visibility === "after_due_date" ? <span className="badge">shown after the due date</span> : null}
              </div>
              {t.output ? <pre className="result-feedback">{t.output}</pre> : null}
              {testError?.message ? (
                <div className="result-error">
                  <ErrorText text={`${testError.kind ?? "error"}: ${testError.message}`} onLocate={props.onLocate} />
                </div>
              ) : null}
              {artifacts.length ? (
                <div className="result-artifacts">
                  {artifacts.map((a, j) => (
                    <ArtifactView key={j} artifact={a} />
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {result.leaderboard.length ? (
        <p className="muted">
          Leaderboard:{" "}
          {result.leaderboard
            .map((e) => `${e.name} ${typeof e.value === "number" ? fmt(e.value) : String(e.value)}`)
            .join(" · ")}
        </p>
      ) : null}
    </section>
  );
}

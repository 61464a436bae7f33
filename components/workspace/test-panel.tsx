"use client";
/** The outcome of the last public-test run in the browser: one line per test, console output, timings (announced by live-announcer.tsx). */
import type { RunOutcome } from "./test-runner";

export function TestPanel(props: {
  outcome: RunOutcome | null;
  running: boolean;
  progress: { done: number; total: number } | null;
  backend: string | null;
  totalMs: number | null;
  typeErrors: number;
  onLocate(line: number, column: number): void;
}) {
  const { outcome, running, progress } = props;
  if (running) {
    return (
      <p data-testid="tests-running">
        <span className="spinner" aria-hidden="true" /> Running the public tests
        {progress ? ` (${progress.done} of ${progress.total} done)` : ""}…
      </p>
    );
  }
  if (!outcome)
    return (
      <p className="muted">
        Run the public tests here, in your browser, before you submit. They are the tests the grader runs too (for 0
        points).
      </p>
    );
  const passed = outcome.tests.filter((t) => t.passed).length;
  return (
    <div data-testid="test-results" data-status={outcome.status}>
      {outcome.status === "done" ? (
        <p data-testid="tests-summary">
          <strong>
            {passed} of {outcome.tests.length} public tests pass
          </strong>
          <span className="muted">
            {props.totalMs !== null ? ` · ${(props.totalMs / 1000).toFixed(2)} s` : ""}
            {props.backend ? ` · TF.js ${props.backend}` : ""}
          </span>
        </p>
      ) : (
        <p className="form-error" data-testid="tests-error">
          {outcome.message}
          {outcome.location ? (
            <>
              {" "}
              <button
                type="button"
                className="link"
                onClick={() => props.onLocate(outcome.location!.line, outcome.location!.column)}
              >
                Go to line {outcome.location.line}
              </button>
            </>
          ) : null}
        </p>
      )}
      {props.typeErrors > 0 ? (
        <p className="muted">
          Your code has {props.typeErrors} type {props.typeErrors === 1 ? "error" : "errors"}; it ran anyway, as the
          grader would run it.
        </p>
      ) : null}
      <ul className="test-list">
        {outcome.tests.map((t, i) => (
          <li key={i} className={t.passed ? "passed" : "failed"} data-testid="public-test">
            <span className={`status-dot ${t.passed ? "passed" : "failed"}`} aria-hidden="true" />
            <span className="test-name">{t.name}</span> <span className="badge">{t.passed ? "pass" : "fail"}</span>
            {t.passed ? null : (
              <div className="test-message">
                {t.message}
                {t.location ? (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="link"
                      onClick={() => props.onLocate(t.location!.line, t.location!.column)}
                    >
                      line {t.location.line}
                    </button>
                  </>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
      {outcome.logs.length ? (
        <details>
          <summary>Console output ({outcome.logs.length} lines)</summary>
          <pre className="console-output">
            {outcome.logs.map((l) => (l.level === "log" ? l.text : `[${l.level}] ${l.text}`)).join("\n")}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

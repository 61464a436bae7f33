"use client";
/**
 * The live view of a submission (queue position, phase, epoch and metrics with a live curve), then its result.
 * Screen readers hear the phases and the result from the workspace's one live region (live-announcer.tsx), so
 * nothing here is a live region of its own.
 */
import { useMemo } from "react";
import { CurveChart, type CurveSeries } from "@/components/results/curve-chart";
import { QueueWait } from "@/components/results/queue-wait";
import { ResultView } from "@/components/results/result-view";
import type { MetricPoint, SubmissionState } from "./use-submission";

const PHASES: Record<string, string> = {
  queued: "Waiting in the queue",
  starting: "Starting the sandbox",
  compiling: "Compiling your code",
  loading: "Loading your code",
  running: "Running the checks",
  scoring: "Scoring",
  training: "Training",
};

function LiveCurve({ check, points }: { check: string; points: MetricPoint[] }) {
  const series = useMemo<CurveSeries[]>(() => {
    const names = [...new Set(points.flatMap((p) => Object.keys(p.metrics)))];
    return names.map((name) => ({
      name,
      x: points.map((p) => p.epoch),
      y: points.map((p) => p.metrics[name] ?? null),
    }));
  }, [points]);
  if (points.length < 2) return null;
  return <CurveChart title={`${check}: metrics by epoch`} series={series} xLabel="epoch" height={200} />;
}

export function SubmissionPanel(props: {
  state: SubmissionState;
  penalty?: { fraction: number; daysLate: number; finalScore: number | null } | null;
  passThreshold?: number;
  points?: number;
  onLocate?: (line: number, column: number) => void;
}) {
  const { state } = props;
  if (state.kind === "idle")
    return <p className="muted">Submit to have your code graded on the server, hidden checks included.</p>;
  if (state.kind === "submitting") return <p>Submitting…</p>;
  if (state.kind === "rejected") {
    return (
      <p className="form-error" data-testid="submit-error">
        {state.message}
      </p>
    );
  }
  if (state.kind === "lost") {
    return (
      <p className="form-error">
        Lost track of the grading ({state.message}). It goes on on the server: see the submission history.
      </p>
    );
  }
  if (state.kind === "following") {
    const p = state.progress;
    const phase = state.status === "queued" ? "queued" : (p?.phase ?? state.status);
    const metrics = p?.metrics ? Object.entries(p.metrics) : [];
    return (
      <div className="submission-progress" data-testid="submission-progress" data-status={state.status}>
        <p>
          <span className="spinner" aria-hidden="true" />{" "}
          <strong data-testid="submission-phase">{PHASES[phase] ?? phase}</strong>
          {state.queue ? (
            <QueueWait status={state.status} queue={state.queue} />
          ) : state.status === "queued" && state.queuePosition !== null ? (
            <span data-testid="queue-position">
              {" "}
              —{" "}
              {state.queuePosition === 0
                ? "you are next"
                : `${state.queuePosition} ${state.queuePosition === 1 ? "submission" : "submissions"} ahead of you`}
            </span>
          ) : null}
          {p?.check ? (
            <span className="muted"> · check {p.check}</span>
          ) : p?.hidden ? (
            <span className="muted"> · a hidden check</span>
          ) : null}
          {typeof p?.epoch === "number" ? <span data-testid="progress-epoch"> · epoch {p.epoch}</span> : null}
          {p?.message ? <span className="muted"> · {p.message}</span> : null}
        </p>
        {metrics.length ? (
          <dl className="metrics">
            {metrics.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{Number.isFinite(v) ? Number(v.toPrecision(4)) : String(v)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {Object.entries(state.history).map(([check, points]) => (
          <LiveCurve key={check} check={check} points={points} />
        ))}
      </div>
    );
  }
  const s = state.submission;
  if (s.status === "superseded") {
    return (
      <p data-testid="submission-superseded">
        {s.message ??
          "A newer submission replaced this one before it was graded; it does not count against your quota."}
      </p>
    );
  }
  if (s.status === "failed" || !s.result) {
    return (
      <p className="form-error" data-testid="submission-failed">
        The platform could not grade this submission{s.failure ? `: ${s.failure}` : ""}. It does not count against your
        quota.
      </p>
    );
  }
  return (
    <ResultView
      result={s.result}
      penalty={props.penalty}
      passThreshold={props.passThreshold}
      points={props.points}
      onLocate={props.onLocate}
    />
  );
}

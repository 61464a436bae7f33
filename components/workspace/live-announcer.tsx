"use client";
/**
 * One polite live region for the workspace: what a screen-reader user needs to hear while tests run and a
 * submission is graded (start, queue place, each new phase, the result), without the per-epoch chatter that the
 * visible panels show. The region is always in the page, so assistive technology notices when its text changes.
 */
import { useEffect, useRef, useState } from "react";
import type { SubmissionView } from "@/components/results/result-types";
import type { RunOutcome } from "./test-runner";
import type { SubmissionState } from "./use-submission";

const PHASES: Record<string, string> = {
  queued: "waiting in the queue",
  starting: "starting the sandbox",
  compiling: "compiling your code",
  loading: "loading your code",
  running: "running the checks",
  scoring: "scoring",
  training: "training",
};

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** The sentence for a graded or failed submission. */
export function resultSentence(s: SubmissionView, passThreshold: number, points: number): string {
  if (!s.result) {
    if (s.status === "failed")
      return `The platform could not grade this submission${s.failure ? `: ${s.failure}` : ""}. It does not count against your quota.`;
    const note = (s as { message?: string | null }).message;
    return note ? `Not graded: ${note}` : `Not graded (${s.status}).`;
  }
  const r = s.result;
  const passed = r.passed ?? (r.score >= passThreshold * points - 1e-9 ? true : undefined);
  const verdict = passed === true ? "passed" : passed === false ? "not passed" : "not passed yet";
  const failed = r.tests.filter((t) => t.status === "failed").length;
  const error = r.error
    ? ` ${r.error.kind === "compile" ? "Your code does not compile." : `Error (${r.error.kind}).`}`
    : "";
  return `Graded: ${fmt(r.score)} of ${fmt(r.max_score)} points, ${verdict}.${error}${failed ? ` ${failed} ${failed === 1 ? "check" : "checks"} failed; details in the Submission tab.` : ""}`;
}

/** The sentence for the submission's current state, or null when there is nothing new to say. */
export function submissionSentence(state: SubmissionState, passThreshold: number, points: number): string | null {
  switch (state.kind) {
    case "idle":
      return null;
    case "submitting":
      return "Submitting your code…";
    case "rejected":
      return `Submission refused: ${state.message}`;
    case "lost":
      return `Lost track of the grading (${state.message}). It goes on on the server: see the submission history.`;
    case "following": {
      const phase = state.status === "queued" ? "queued" : (state.progress?.phase ?? state.status);
      const where =
        state.status === "queued" && state.queuePosition !== null
          ? state.queuePosition === 0
            ? ", you are next"
            : `, ${state.queuePosition} ahead of you`
          : "";
      return `Grading: ${PHASES[phase] ?? phase}${where}.`;
    }
    case "done":
      return resultSentence(state.submission, passThreshold, points);
  }
}

/** The sentence for the public tests, or null before the first run. */
export function testsSentence(running: boolean, outcome: RunOutcome | null): string | null {
  if (running) return "Running the public tests…";
  if (!outcome) return null;
  if (outcome.status !== "done") return `The public tests did not finish: ${outcome.message ?? outcome.status}`;
  const passed = outcome.tests.filter((t) => t.passed).length;
  return `${passed} of ${outcome.tests.length} public tests pass.`;
}

export function LiveAnnouncer(props: {
  running: boolean;
  outcome: RunOutcome | null;
  submission: SubmissionState;
  passThreshold: number;
  points: number;
}) {
  const [message, setMessage] = useState("");
  const tests = testsSentence(props.running, props.outcome);
  const graded = submissionSentence(props.submission, props.passThreshold, props.points);
  const last = useRef<{ tests: string | null; graded: string | null }>({ tests: null, graded: null });
  // Whichever of the two changed last is what the student hears.
  useEffect(() => {
    if (tests !== last.current.tests && tests) setMessage(tests);
    last.current.tests = tests;
  }, [tests]);
  useEffect(() => {
    if (graded !== last.current.graded && graded) setMessage(graded);
    last.current.graded = graded;
  }, [graded]);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="workspace-announcer">
      {message}
    </div>
  );
}

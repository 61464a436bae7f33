/**
 * A queued or running submission's place in the grading queue and the wait estimate (lib/grading/queue-status.ts),
 * as one sentence: the estimate is a range from measured grading times, or "unknown" with the reason.
 */
import type { QueueView } from "./result-types";

function span(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "about 2–4 min", "under 5 s", or null when unknown. */
export function waitRange(low: number | null, high: number | null): string | null {
  if (low === null || high === null) return null;
  if (low === 0) return `under ${span(high)}`;
  return span(low) === span(high) ? `about ${span(high)}` : `${span(low)}–${span(high)}`;
}

export function queueSentence(status: string, q: QueueView): string {
  const parts: string[] = [];
  if (status === "queued" && q.position !== null) {
    parts.push(
      q.position === 0
        ? "you are next"
        : `${q.position} ${q.position === 1 ? "submission" : "submissions"} ahead of you`,
    );
  }
  const range = waitRange(q.lowSeconds, q.highSeconds);
  const what = status === "running" ? "time left" : "result expected in";
  if (range) {
    const basis =
      q.medianSeconds !== null
        ? `; a grading of this assignment took ${span(Math.round(q.medianSeconds))} (median of the last ${q.samples})`
        : "";
    parts.push(`${what} ${range} (${q.graders} grader${q.graders === 1 ? "" : "s"} running${basis})`);
  } else {
    parts.push(`${what}: unknown (${q.unknownReason ?? "no estimate"})`);
  }
  return parts.join(" — ");
}

export function QueueWait({ status, queue }: { status: string; queue: QueueView | null }) {
  if (!queue || (status !== "queued" && status !== "running")) return null;
  return (
    <span data-testid="queue-wait" data-low={queue.lowSeconds ?? ""} data-high={queue.highSeconds ?? ""}>
      {" "}
      — {queueSentence(status, queue)}
    </span>
  );
}

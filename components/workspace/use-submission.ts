"use client";
/**
 * Submitting and following one submission: POST /api/submissions, then its server-sent events (progress while
 * queued and running, then the result). If the stream breaks for good, it falls back to polling.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ProgressView, QueueView, SubmissionView } from "@/components/results/result-types";

export interface MetricPoint {
  epoch: number;
  metrics: Record<string, number>;
}

export type SubmissionState =
  | { kind: "idle" }
  | { kind: "submitting" }
  | { kind: "rejected"; message: string; status: number }
  | {
      kind: "following";
      id: string;
      status: string;
      queuePosition: number | null;
      /** Place and wait estimate from measured grading times (components/results/queue-wait.tsx). */
      queue: QueueView | null;
      progress: ProgressView | null;
      /** Epoch metrics per check, in arrival order, for the live curve. */
      history: Record<string, MetricPoint[]>;
    }
  | { kind: "done"; submission: SubmissionView }
  | { kind: "lost"; id: string; message: string };

const POLL_MS = 2000;

export function useSubmission(slug: string, onFinished?: (s: SubmissionView) => void) {
  const [state, setState] = useState<SubmissionState>({ kind: "idle" });
  const source = useRef<EventSource | null>(null);
  const poller = useRef<ReturnType<typeof setInterval> | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const stopFollowing = useCallback(() => {
    source.current?.close();
    source.current = null;
    if (poller.current) clearInterval(poller.current);
    poller.current = null;
  }, []);

  const finish = useCallback(
    (submission: SubmissionView) => {
      stopFollowing();
      setState({ kind: "done", submission });
      finished.current?.(submission);
    },
    [stopFollowing],
  );

  const poll = useCallback(
    (id: string) => {
      if (poller.current) return;
      poller.current = setInterval(async () => {
        try {
          const r = await fetch(`/api/submissions/${id}`, { cache: "no-store" });
          if (!r.ok) return;
          const s = (await r.json()) as SubmissionView;
          if (s.status === "graded" || s.status === "failed" || s.status === "superseded") finish(s);
          else
            setState((prev) =>
              prev.kind === "following" && prev.id === id
                ? { ...prev, status: s.status, queuePosition: s.queuePosition, queue: s.queue, progress: s.progress }
                : prev,
            );
        } catch {
          // keep polling
        }
      }, POLL_MS);
    },
    [finish],
  );

  const follow = useCallback(
    (id: string) => {
      stopFollowing();
      setState({
        kind: "following",
        id,
        status: "queued",
        queuePosition: null,
        queue: null,
        progress: null,
        history: {},
      });
      const es = new EventSource(`/api/submissions/${id}/events`);
      source.current = es;
      es.addEventListener("progress", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as {
          status: string;
          queuePosition: number | null;
          queue?: QueueView | null;
          progress: ProgressView | null;
        };
        setState((prev) => {
          if (prev.kind !== "following" || prev.id !== id) return prev;
          const history = { ...prev.history };
          const p = data.progress;
          if (p && typeof p.epoch === "number" && p.metrics && Object.keys(p.metrics).length) {
            const key = p.check ?? "training";
            const list = history[key] ?? [];
            if (!list.length || list[list.length - 1]!.epoch !== p.epoch)
              history[key] = [...list, { epoch: p.epoch, metrics: p.metrics }];
            else history[key] = [...list.slice(0, -1), { epoch: p.epoch, metrics: p.metrics }];
          }
          return {
            ...prev,
            status: data.status,
            queuePosition: data.queuePosition,
            queue: data.queue ?? null,
            progress: p,
            history,
          };
        });
      });
      es.addEventListener("result", (event) =>
        finish(JSON.parse((event as MessageEvent<string>).data) as SubmissionView),
      );
      es.addEventListener("error", (event) => {
        const data = (event as MessageEvent<string>).data;
        if (typeof data === "string" && data) {
          stopFollowing();
          setState({
            kind: "lost",
            id,
            message: (JSON.parse(data) as { message?: string }).message ?? "the progress stream failed",
          });
          return;
        }
        // A dropped connection: EventSource retries by itself; if it gave up, poll instead.
        if (es.readyState === EventSource.CLOSED) poll(id);
      });
    },
    [finish, poll, stopFollowing],
  );

  const submit = useCallback(
    async (sourceText: string) => {
      setState({ kind: "submitting" });
      try {
        const r = await fetch("/api/submissions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ assignment: slug, source: sourceText }),
        });
        const body = (await r.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
        if (r.status !== 201 || !body.id) {
          const message =
            r.status === 401
              ? "Sign in to submit."
              : (body.error?.message ?? `The submission was refused (HTTP ${r.status}).`);
          setState({ kind: "rejected", message, status: r.status });
          return null;
        }
        follow(body.id);
        return body.id;
      } catch (err) {
        setState({
          kind: "rejected",
          message: `The submission did not reach the server: ${err instanceof Error ? err.message : String(err)}`,
          status: 0,
        });
        return null;
      }
    },
    [slug, follow],
  );

  useEffect(() => stopFollowing, [stopFollowing]);

  return { state, submit, follow, show: finish };
}

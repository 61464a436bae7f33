"use client";
import { useId, type ReactNode } from "react";
import type { DemoState } from "./use-tf-computation";

const DEFAULT_STATUS: Record<DemoState, string> = {
  loading: "Loading TensorFlow.js…",
  running: "Computing…",
  ready: "Ready.",
  error: "Something went wrong.",
};

/**
 * The frame around every live demo: a title, a one-line description and a status line. `data-demo` and
 * `data-state` let tests wait until the demo has computed (data-state="ready").
 */
export function DemoFrame(props: {
  id: string;
  title: string;
  description: string;
  state: DemoState;
  status?: string;
  error?: string | null;
  children: ReactNode;
}) {
  const titleId = useId();
  const status =
    props.state === "error" ? `Error: ${props.error ?? "unknown"}` : (props.status ?? DEFAULT_STATUS[props.state]);
  return (
    <section
      className="demo"
      data-demo={props.id}
      data-state={props.state}
      aria-labelledby={titleId}
      aria-busy={props.state === "loading" || props.state === "running"}
    >
      <header className="demo-header">
        <span className="demo-badge">Live demo</span>
        <h3 className="demo-title" id={titleId}>
          {props.title}
        </h3>
        <p className="demo-description">{props.description}</p>
      </header>
      <div className="demo-body">{props.children}</div>
      <p className={`demo-status demo-status-${props.state}`} role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

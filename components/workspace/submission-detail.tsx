"use client";
/** One earlier submission: its code (read-only, errors marked on their lines) and its result. */
import { useCallback, useEffect, useState } from "react";
import { ResultView } from "@/components/results/result-view";
import type { ResultView as Result } from "@/components/results/result-types";
import { CodeEditor, type EditorHandle } from "./code-editor";
import { findErrorLocations } from "./error-locations";

export function SubmissionDetail(props: {
  id: string;
  source: string;
  result: Result | null;
  penalty: { fraction: number; daysLate: number; finalScore: number | null } | null;
  passThreshold: number;
  points: number;
}) {
  const [handle, setHandle] = useState<EditorHandle | null>(null);
  useEffect(() => {
    if (!handle || !props.result) return;
    const r = props.result;
    const errors = [r.error, ...r.tests.map((t) => t.error as { kind: string; message: string } | null)].filter(
      (e): e is { kind: string; message: string } => !!e?.message,
    );
    handle.setMarkers(
      "grader",
      errors.flatMap((e) =>
        (e.kind === "compile" ? findErrorLocations(e.message) : findErrorLocations(e.message).slice(0, 1)).map((l) => ({
          ...l,
          message: `${e.kind} error: ${l.message}`,
        })),
      ),
    );
  }, [handle, props.result]);
  const locate = useCallback((line: number, column: number) => handle?.reveal(line, column), [handle]);
  return (
    <div className="workspace-main">
      <CodeEditor
        path={`file:///submissions/${props.id}/starter.ts`}
        initialValue={props.source}
        readOnly
        label="Submitted code (read-only)"
        height="24rem"
        onReady={setHandle}
      />
      {props.result ? (
        <ResultView
          result={props.result}
          penalty={props.penalty}
          passThreshold={props.passThreshold}
          points={props.points}
          onLocate={locate}
        />
      ) : null}
    </div>
  );
}

"use client";
/** The markers on the student's file (TypeScript diagnostics and ours), kept in step with Monaco. */
import { useEffect, useState } from "react";
import type { EditorHandle } from "./code-editor";
import type { Problem } from "./problems-panel";

const OWNERS: Record<string, string> = { "public-tests": "public tests", grader: "grader", typescript: "TypeScript" };

export function useProblems(handle: EditorHandle | null): Problem[] {
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    if (!handle) return;
    const { monaco, model } = handle;
    const read = () => {
      const markers = monaco.editor.getModelMarkers({ resource: model.uri });
      setProblems(
        markers
          .filter((m) => m.severity !== monaco.MarkerSeverity.Hint)
          .map((m) => ({
            line: m.startLineNumber,
            column: m.startColumn,
            message: m.message,
            severity:
              m.severity === monaco.MarkerSeverity.Error
                ? ("error" as const)
                : m.severity === monaco.MarkerSeverity.Warning
                  ? ("warning" as const)
                  : ("info" as const),
            source: OWNERS[m.owner] ?? m.owner,
          }))
          .sort((a, b) => a.line - b.line || a.column - b.column),
      );
    };
    read();
    const sub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === model.uri.toString())) read();
    });
    return () => sub.dispose();
  }, [handle]);
  return problems;
}

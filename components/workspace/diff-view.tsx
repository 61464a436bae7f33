"use client";
/** Two submissions side by side in Monaco's diff editor (read-only). */
import { useEffect, useRef, useState } from "react";
import { editorTheme, loadMonaco } from "./monaco-loader";

export function DiffView({
  original,
  modified,
  originalLabel,
  modifiedLabel,
}: {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        const a = monaco.editor.createModel(original, "typescript");
        const b = monaco.editor.createModel(modified, "typescript");
        const editor = monaco.editor.createDiffEditor(host.current, {
          readOnly: true,
          originalEditable: false,
          automaticLayout: true,
          minimap: { enabled: false },
          renderSideBySide: true,
          theme: editorTheme(),
        });
        editor.setModel({ original: a, modified: b });
        setState("ready");
        cleanup = () => {
          editor.dispose();
          a.dispose();
          b.dispose();
        };
      })
      .catch(() => !disposed && setState("error"));
    return () => {
      disposed = true;
      cleanup();
    };
  }, [original, modified]);
  return (
    <figure className="result-figure" data-testid="diff-view" data-state={state}>
      <figcaption>
        {originalLabel} → {modifiedLabel}
      </figcaption>
      {state === "error" ? <p className="form-error">The diff editor did not load.</p> : null}
      <div ref={host} style={{ height: "28rem", border: "1px solid var(--border)" }} />
    </figure>
  );
}

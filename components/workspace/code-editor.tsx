"use client";
/**
 * The Monaco editor for one file, loaded from this site's bundle after the page is interactive. It reports when
 * it is editable (data-state="ready", performance mark "workspace-editor-ready") and when the TF.js typings are in
 * (data-types="ready"), and hands the page a handle for markers, content and the TypeScript service.
 */
import { useEffect, useId, useRef, useState } from "react";
import type * as MonacoApi from "monaco-editor/editor/editor.api.js";
import { useColorScheme } from "../site/use-color-scheme";
import { editorTheme, loadMonaco, loadTypings, type Monaco, themeFor } from "./monaco-loader";

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  severity?: "error" | "warning";
}

export interface EditorHandle {
  monaco: Monaco;
  editor: MonacoApi.editor.IStandaloneCodeEditor;
  model: MonacoApi.editor.ITextModel;
  setMarkers(owner: string, markers: EditorMarker[]): void;
  reveal(line: number, column?: number): void;
}

export interface EditorCommands {
  run?(): void;
  submit?(): void;
  save?(): void;
}

export function CodeEditor(props: {
  /** file:///starter.ts and the like; the TypeScript service resolves imports relative to it. */
  path: string;
  /** The initial content; the editor waits while it is null (e.g. the draft is loading). */
  initialValue: string | null;
  readOnly?: boolean;
  label: string;
  height?: string;
  /** Show the keyboard hint (Ctrl+M: Tab moves focus) under the editor; on by default. */
  keyboardHint?: boolean;
  onChange?(value: string): void;
  onReady?(handle: EditorHandle | null): void;
  commands?: EditorCommands;
}) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [types, setTypes] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const hintId = useId();
  const ready = props.initialValue !== null;

  useEffect(() => {
    if (!ready || !host.current) return;
    let disposed = false;
    let editor: MonacoApi.editor.IStandaloneCodeEditor | null = null;
    let ownsModel = false;
    let model: MonacoApi.editor.ITextModel | null = null;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        const uri = monaco.Uri.parse(latest.current.path);
        model = monaco.editor.getModel(uri);
        if (!model) {
          model = monaco.editor.createModel(latest.current.initialValue ?? "", "typescript", uri);
          ownsModel = true;
        } else model.setValue(latest.current.initialValue ?? "");
        editor = monaco.editor.create(host.current, {
          model,
          readOnly: !!latest.current.readOnly,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 14,
          scrollBeyondLastLine: false,
          tabSize: 2,
          theme: editorTheme(),
          ariaLabel: latest.current.label,
          // Screen readers get the text of the current line and selection; keyboard users leave with Ctrl+M, then Tab.
          accessibilitySupport: "on",
          // Faded unused code and a dimmed last line number fall below 4.5:1 contrast.
          showUnused: false,
          renderFinalNewline: "on",
          fixedOverflowWidgets: true,
        });
        // The element that takes the keyboard focus: an EditContext div with role textbox (a textarea in older browsers).
        const textarea =
          host.current.querySelector('[role="textbox"]') ??
          host.current.querySelector("textarea:not([aria-hidden=true])");
        if (textarea && (latest.current.keyboardHint ?? true) && !latest.current.readOnly)
          textarea.setAttribute("aria-describedby", hintId);
        // Tab focus mode (Ctrl+M, on a Mac Ctrl+Shift+M, as in VS Code): our own command, so the hint can show its state.
        const tabOption = monaco.editor.EditorOption.tabFocusMode;
        setTabMovesFocus(editor.getOption(tabOption));
        const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
        const toggleKey = mac
          ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM
          : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM;
        const withTabs = editor;
        withTabs.addCommand(toggleKey, () => {
          const next = !withTabs.getOption(tabOption);
          withTabs.updateOptions({ tabFocusMode: next });
          setTabMovesFocus(next);
        });
        const { KeyMod, KeyCode } = monaco;
        editor.addCommand(KeyMod.CtrlCmd | KeyCode.Enter, () => latest.current.commands?.run?.());
        editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Enter, () => latest.current.commands?.submit?.());
        editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyS, () => latest.current.commands?.save?.());
        const m = model;
        editor.onDidChangeModelContent(() => latest.current.onChange?.(m.getValue()));
        const ed = editor;
        const handle: EditorHandle = {
          monaco,
          editor: ed,
          model: m,
          setMarkers(owner, markers) {
            monaco.editor.setModelMarkers(
              m,
              owner,
              markers.map((mk) => {
                const line = Math.min(Math.max(1, mk.line), m.getLineCount());
                const column = Math.max(1, mk.column);
                return {
                  startLineNumber: line,
                  startColumn: column,
                  endLineNumber: line,
                  endColumn: Math.max(column + 1, m.getLineMaxColumn(line)),
                  message: mk.message,
                  severity: mk.severity === "warning" ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
                  source: owner,
                };
              }),
            );
          },
          reveal(line, column = 1) {
            ed.revealLineInCenter(line);
            ed.setPosition({ lineNumber: line, column });
            ed.focus();
          },
        };
        setState("ready");
        performance.mark("workspace-editor-ready");
        latest.current.onReady?.(handle);
        loadTypings(monaco)
          .then(() => {
            if (disposed) return;
            performance.mark("workspace-types-ready");
            setTypes("ready");
          })
          .catch((err: unknown) => {
            if (disposed) return;
            setTypes("error");
            setError(err instanceof Error ? err.message : String(err));
          });
      })
      .catch((err: unknown) => {
        if (disposed) return;
        setState("error");
        setError(`The editor did not load: ${err instanceof Error ? err.message : String(err)}`);
      });
    return () => {
      disposed = true;
      latest.current.onReady?.(null);
      editor?.dispose();
      if (ownsModel) model?.dispose();
    };
  }, [ready, hintId]);

  // The editor follows the colour scheme when it changes (Monaco's theme is global to the page).
  const scheme = useColorScheme();
  useEffect(() => {
    if (state !== "ready") return;
    void loadMonaco().then((monaco) => monaco.editor.setTheme(themeFor(scheme)));
  }, [scheme, state]);

  return (
    <div className="code-editor" data-state={state} data-types={types} data-testid="code-editor">
      {state !== "ready" ? (
        <p className="muted code-editor-placeholder" role="status">
          {state === "error" ? "" : "Loading the editor…"}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div ref={host} className="code-editor-host" style={{ height: props.height ?? "32rem" }} />
      {(props.keyboardHint ?? true) && !props.readOnly ? (
        <p
          className="code-editor-hint"
          id={hintId}
          data-testid="editor-keyboard-hint"
          data-tab-moves-focus={tabMovesFocus}
        >
          <strong>Keyboard:</strong> in the editor Tab indents. Press <kbd>Ctrl+M</kbd> (on a Mac{" "}
          <kbd>Ctrl+Shift+M</kbd>) to make Tab and Shift+Tab move focus out of the editor; press it again to indent with
          Tab. Now:{" "}
          <span data-testid="tab-focus-state" aria-live="polite">
            {tabMovesFocus ? "Tab moves focus" : "Tab indents"}
          </span>
          .
        </p>
      ) : null}
    </div>
  );
}

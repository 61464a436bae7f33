"use client";
/**
 * The assignment workspace: the README beside a Monaco editor holding the student's draft (autosaved on the
 * server), public tests run in the browser, submission with live progress, and the result with markers on the
 * student's lines. Shortcuts: Ctrl/⌘+Enter runs the tests, Ctrl/⌘+Shift+Enter submits, Ctrl/⌘+S saves.
 */
import Link from "next/link";
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from "react";
import type { SubmissionView } from "@/components/results/result-types";
import { CodeEditor, type EditorHandle } from "./code-editor";
import { findErrorLocations } from "./error-locations";
import { LiveAnnouncer } from "./live-announcer";
import { ProblemsPanel } from "./problems-panel";
import { QuotaLine } from "./quota-line";
import { SubmissionPanel } from "./submission-panel";
import { TestPanel } from "./test-panel";
import { useDraft } from "./use-draft";
import { useHistory } from "./use-history";
import { useProblems } from "./use-problems";
import { usePublicTests } from "./use-public-tests";
import { useSubmission } from "./use-submission";
import { DraftStatusLine } from "./draft-status";
import "./workspace.css";

type Tab = "tests" | "problems" | "submission";
const TABS: Tab[] = ["tests", "problems", "submission"];

/** Markers for a graded result: every position of a compile error, the innermost frame of other errors. */
function resultMarkers(s: SubmissionView) {
  const r = s.result;
  if (!r) return [];
  const texts = [r.error, ...r.tests.map((t) => t.error as { kind?: string; message?: string } | null)].filter(
    (e): e is { kind: string; message: string } => !!e && typeof e.message === "string",
  );
  return texts.flatMap((e) => {
    const found = findErrorLocations(e.message);
    return (e.kind === "compile" ? found : found.slice(0, 1)).map((l) => ({
      ...l,
      message: `${e.kind} error: ${l.message}`,
    }));
  });
}

export function Workspace(props: {
  slug: string;
  starter: string;
  publicTests: string;
  passThreshold: number;
  points: number;
  children: ReactNode;
}) {
  const { slug, starter } = props;
  const [handle, setHandle] = useState<EditorHandle | null>(null);
  const [tab, setTab] = useState<Tab>("tests");
  const tabIds = useId();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const draft = useDraft(slug, starter);
  const signedIn = draft.status !== "signed-out" && draft.status !== "loading";
  const tests = usePublicTests(handle, props.publicTests);
  const problems = useProblems(handle);
  const { history, refresh } = useHistory(slug, signedIn);
  const submission = useSubmission(slug, (s) => {
    handle?.setMarkers("grader", resultMarkers(s));
    void refresh();
  });
  const [resumed, setResumed] = useState(false);

  // On arrival: follow a submission still being graded, or show the latest result.
  useEffect(() => {
    if (resumed || !history || submission.state.kind !== "idle") return;
    setResumed(true);
    const latest = history.items[0];
    if (!latest) return;
    if (latest.status === "queued" || latest.status === "running") {
      submission.follow(latest.id);
      setTab("submission");
    } else {
      fetch(`/api/submissions/${latest.id}`, { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<SubmissionView>) : null))
        .then((s) => s && submission.show(s))
        .catch(() => undefined);
    }
  }, [history, resumed, submission]);

  const locate = useCallback((line: number, column: number) => handle?.reveal(line, column), [handle]);

  const runTests = useCallback(() => {
    if (tests.running) return;
    setTab("tests");
    void tests.run();
  }, [tests]);

  const submit = useCallback(async () => {
    if (!handle || !signedIn || submission.state.kind === "submitting" || submission.state.kind === "following") return;
    setTab("submission");
    await draft.saveNow();
    handle.setMarkers("grader", []);
    await submission.submit(handle.model.getValue());
    void refresh();
  }, [handle, signedIn, submission, draft, refresh]);

  const reset = useCallback(async () => {
    if (
      !handle ||
      !window.confirm(
        "Replace your code with the starter? Your current draft is discarded (Ctrl+Z still brings it back in this tab).",
      )
    )
      return;
    if (!(await draft.reset())) return;
    handle.model.pushEditOperations([], [{ range: handle.model.getFullModelRange(), text: starter }], () => null);
    handle.setMarkers("public-tests", []);
    handle.setMarkers("grader", []);
  }, [handle, draft, starter]);

  // The shortcuts also work outside the editor (Monaco handles them itself inside).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement | null)?.closest?.(".monaco-editor")) return;
      if (e.key === "Enter") {
        e.preventDefault();
        if (e.shiftKey) void submit();
        else runTests();
      } else if (e.key.toLowerCase() === "s") {
        e.preventDefault();
        void draft.saveNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [submit, runTests, draft]);

  // The tabs follow the ARIA tabs pattern: one tab stop, arrow keys (and Home, End) move between tabs.
  const onTabKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : e.key === "ArrowLeft"
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === "Home"
            ? TABS[0]
            : e.key === "End"
              ? TABS[TABS.length - 1]
              : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const busy = submission.state.kind === "submitting" || submission.state.kind === "following";
  const latestItem =
    submission.state.kind === "done"
      ? history?.items.find((i) => i.id === (submission.state as { submission: SubmissionView }).submission.id)
      : undefined;
  const errorCount = problems.filter((p) => p.severity === "error").length;

  return (
    <div className="workspace">
      <div className="workspace-readme">{props.children}</div>
      <div className="workspace-main">
        <div className="workspace-toolbar" role="toolbar" aria-label="Workspace">
          {/* Busy buttons are aria-disabled, not disabled, so the keyboard focus stays on them while work runs. */}
          <button
            type="button"
            onClick={runTests}
            disabled={!handle}
            aria-disabled={tests.running}
            title="Ctrl/⌘+Enter"
          >
            Run public tests <kbd>Ctrl+Enter</kbd>
          </button>
          {tests.running ? (
            <button type="button" className="secondary" onClick={tests.stop}>
              Stop
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => void submit()}
            disabled={!handle || !signedIn || history?.quota.closed}
            aria-disabled={busy}
            title="Ctrl/⌘+Shift+Enter"
          >
            Submit <kbd>Ctrl+Shift+Enter</kbd>
          </button>
          <button type="button" className="secondary" onClick={() => void reset()} disabled={!handle}>
            Reset to starter
          </button>
          <DraftStatusLine status={draft.status} message={draft.message} savedAt={draft.savedAt} />
        </div>
        {draft.status === "signed-out" ? (
          <p className="notice">
            <Link href={`/signin?next=${encodeURIComponent(`/assignments/${slug}`)}`}>Sign in</Link> to save your work
            and submit. You can run the public tests without an account.
          </p>
        ) : null}
        {draft.status === "conflict" ? (
          <div className="notice" role="alert">
            {draft.message}{" "}
            <button
              type="button"
              className="link"
              onClick={async () => {
                const theirs = await draft.loadTheirs();
                if (theirs !== null && handle) handle.model.setValue(theirs);
              }}
            >
              Load that version
            </button>{" "}
            ·{" "}
            <button type="button" className="link" onClick={() => void draft.keepMine()}>
              Keep mine
            </button>
          </div>
        ) : null}
        <CodeEditor
          path="file:///starter.ts"
          initialValue={draft.initial}
          label={`Your solution (starter.ts)`}
          onChange={draft.onEdit}
          onReady={setHandle}
          commands={{ run: runTests, submit: () => void submit(), save: () => void draft.saveNow() }}
        />
        {history ? (
          <div className="workspace-meta">
            <QuotaLine quota={history.quota} />
            <Link href={`/assignments/${slug}/history`}>Submission history ({history.items.length})</Link>
          </div>
        ) : null}
        <div role="tablist" aria-label="Results" className="tabs" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabRefs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${tabIds}-tab-${t}`}
              aria-controls={`${tabIds}-panel`}
              aria-selected={tab === t}
              tabIndex={tab === t ? 0 : -1}
              className={tab === t ? "tab active" : "tab"}
              onClick={() => setTab(t)}
            >
              {t === "tests" ? "Public tests" : t === "problems" ? `Problems (${errorCount})` : "Submission"}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          className="tab-panel"
          id={`${tabIds}-panel`}
          aria-labelledby={`${tabIds}-tab-${tab}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable (WAI-ARIA tabs pattern), so the keyboard reaches its content right after the tab list.
          tabIndex={0}
        >
          {tab === "tests" ? <TestPanel {...tests} onLocate={locate} /> : null}
          {tab === "problems" ? <ProblemsPanel problems={problems} onLocate={locate} /> : null}
          {tab === "submission" ? (
            <SubmissionPanel
              state={submission.state}
              onLocate={locate}
              passThreshold={props.passThreshold}
              points={props.points}
              penalty={
                latestItem
                  ? { fraction: latestItem.penalty, daysLate: latestItem.daysLate, finalScore: latestItem.finalScore }
                  : null
              }
            />
          ) : null}
        </div>
        <LiveAnnouncer
          running={tests.running}
          outcome={tests.outcome}
          submission={submission.state}
          passThreshold={props.passThreshold}
          points={props.points}
        />
      </div>
    </div>
  );
}

"use client";
/**
 * Server-side drafts for the workspace: loads the student's draft (or the starter), autosaves edits a moment
 * after typing stops, flushes on leaving the page, and refuses to overwrite a draft saved meanwhile in another tab
 * or on another machine (409 from /api/drafts), letting the student choose which version to keep.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type DraftStatus = "loading" | "saved" | "saving" | "unsaved" | "signed-out" | "conflict" | "error";

interface DraftBody {
  source: string | null;
  revision: number;
  updatedAt: string | null;
}

const AUTOSAVE_MS = 800;

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function useDraft(slug: string, starter: string) {
  const url = `/api/drafts/${encodeURIComponent(slug)}`;
  const [initial, setInitial] = useState<string | null>(null);
  const [status, setStatus] = useState<DraftStatus>("loading");
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const revision = useRef(0);
  const current = useRef<string | null>(null);
  const saved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const blocked = useRef(true);

  useEffect(() => {
    let live = true;
    fetch(url, { cache: "no-store" })
      .then(async (r) => {
        if (!live) return;
        if (r.status === 401) {
          setStatus("signed-out");
          setInitial(starter);
          return;
        }
        if (!r.ok) throw new Error(await errorMessage(r));
        const body = (await r.json()) as DraftBody;
        revision.current = body.revision;
        saved.current = body.source ?? starter;
        current.current = saved.current;
        blocked.current = false;
        setSavedAt(body.updatedAt);
        setInitial(body.source ?? starter);
        setStatus("saved");
      })
      .catch((err: unknown) => {
        if (!live) return;
        setInitial(starter);
        setStatus("error");
        setMessage(
          `Your saved draft could not be loaded (${err instanceof Error ? err.message : String(err)}); edits are not saved until you reload.`,
        );
      });
    return () => {
      live = false;
    };
  }, [url, starter]);

  const save = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (blocked.current) return;
    while (inFlight.current) await inFlight.current;
    const source = current.current;
    if (source === null || source === saved.current) {
      setStatus((s) => (s === "saving" || s === "unsaved" ? "saved" : s));
      return;
    }
    setStatus("saving");
    const attempt = (async () => {
      try {
        const r = await fetch(url, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ source, baseRevision: revision.current }),
        });
        if (r.status === 409) {
          blocked.current = true;
          setStatus("conflict");
          setMessage(await errorMessage(r));
          return;
        }
        if (!r.ok) {
          setStatus("error");
          setMessage(`Not saved: ${await errorMessage(r)}`);
          return;
        }
        const body = (await r.json()) as DraftBody;
        revision.current = body.revision;
        saved.current = source;
        setSavedAt(body.updatedAt);
        setMessage(null);
        setStatus(current.current === source ? "saved" : "unsaved");
      } catch (err) {
        setStatus("error");
        setMessage(`Not saved (${err instanceof Error ? err.message : String(err)}); retrying on your next edit.`);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
    if (!blocked.current && current.current !== saved.current && !timer.current)
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }, [url]);

  const onEdit = useCallback(
    (value: string) => {
      current.current = value;
      if (blocked.current) return;
      if (value === saved.current) return;
      setStatus("unsaved");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    },
    [save],
  );

  // Leaving with unsaved edits: one last save that outlives the page.
  useEffect(() => {
    const flush = () => {
      const source = current.current;
      if (blocked.current || source === null || source === saved.current) return;
      fetch(url, {
        method: "PUT",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source, baseRevision: revision.current }),
      }).catch(() => undefined);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [url]);

  /** Forgets the draft on the server; the caller puts the starter back in the editor. */
  const reset = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    if (status === "signed-out") return true;
    const r = await fetch(url, { method: "DELETE" });
    if (!r.ok) {
      setStatus("error");
      setMessage(`Reset failed: ${await errorMessage(r)}`);
      return false;
    }
    revision.current = 0;
    saved.current = starter;
    current.current = starter;
    blocked.current = false;
    setMessage(null);
    setStatus("saved");
    return true;
  }, [url, starter, status]);

  /** After a conflict: the stored version wins; returns it for the editor. */
  const loadTheirs = useCallback(async (): Promise<string | null> => {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) return null;
    const body = (await r.json()) as DraftBody;
    revision.current = body.revision;
    saved.current = body.source ?? starter;
    current.current = saved.current;
    blocked.current = false;
    setMessage(null);
    setStatus("saved");
    return saved.current;
  }, [url, starter]);

  /** After a conflict: this editor's version wins and is saved over the stored one. */
  const keepMine = useCallback(async (): Promise<void> => {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) return;
    revision.current = ((await r.json()) as DraftBody).revision;
    blocked.current = false;
    saved.current = null;
    await save();
  }, [url, save]);

  return { initial, status, message, savedAt, onEdit, saveNow: save, reset, loadTheirs, keepMine };
}

"use client";
/** The signed-in student's submissions of this assignment and their quota (GET /api/assignments/[slug]/submissions). */
import { useCallback, useEffect, useState } from "react";
import type { SubmissionHistory } from "@/lib/submissions/list-submission-history";

export function useHistory(slug: string, enabled: boolean) {
  const [history, setHistory] = useState<SubmissionHistory | null>(null);
  const refresh = useCallback(async (): Promise<SubmissionHistory | null> => {
    try {
      const r = await fetch(`/api/assignments/${encodeURIComponent(slug)}/submissions`, { cache: "no-store" });
      if (!r.ok) return null;
      const body = (await r.json()) as SubmissionHistory;
      setHistory(body);
      return body;
    } catch {
      return null;
    }
  }, [slug]);
  useEffect(() => {
    if (enabled) void refresh();
  }, [enabled, refresh]);
  return { history, refresh };
}

"use client";
import type { DraftStatus } from "./use-draft";

const LABELS: Record<DraftStatus, string> = {
  loading: "Loading your draft…",
  saved: "All changes saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  "signed-out": "Not saved (signed out)",
  conflict: "Not saved: changed elsewhere",
  error: "Not saved",
};

export function DraftStatusLine({
  status,
  message,
  savedAt,
}: {
  status: DraftStatus;
  message: string | null;
  savedAt: string | null;
}) {
  const title =
    status === "saved" && savedAt
      ? `Saved on the server at ${new Date(savedAt).toLocaleString()}`
      : (message ?? undefined);
  return (
    <span
      className={`draft-status ${status}`}
      data-testid="draft-status"
      data-status={status}
      role="status"
      title={title}
    >
      {LABELS[status]}
      {status === "error" && message ? `: ${message}` : ""}
    </span>
  );
}

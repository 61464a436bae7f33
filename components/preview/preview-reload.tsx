"use client";
/** Preview mode: re-renders the page whenever a file of the course folder changes (server-sent events). */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export function PreviewReload() {
  const router = useRouter();
  const [changed, setChanged] = useState<string | null>(null);
  useEffect(() => {
    const events = new EventSource("/api/preview/events");
    events.addEventListener("change", (e) => {
      setChanged((e as MessageEvent<string>).data);
      router.refresh();
    });
    return () => events.close();
  }, [router]);
  return (
    <p className="muted" role="status" aria-live="polite" style={{ textAlign: "center", fontSize: "0.85rem" }}>
      Preview of the course folder
      {changed ? `: reloaded after a change to ${changed}` : ": pages reload when a file changes"}
    </p>
  );
}

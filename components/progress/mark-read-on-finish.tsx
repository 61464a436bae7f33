"use client";
import { useEffect, useRef } from "react";

/** Placed at the end of a lesson: when a signed-in reader scrolls to it, the lesson is recorded as read. */
export function MarkReadOnFinish({ slug }: { slug: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let sent = false;
    const observer = new IntersectionObserver((entries) => {
      if (sent || !entries.some((e) => e.isIntersecting)) return;
      sent = true;
      observer.disconnect();
      void fetch(`/api/progress/lessons/${encodeURIComponent(slug)}`, { method: "POST" }).catch(() => undefined);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [slug]);
  return <div ref={ref} data-testid="lesson-end" aria-hidden="true" />;
}

"use client";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { GradingBannerView, type GradingBannerState } from "./grading-banner-view";

/**
 * Tells instructors, on every page, when this server cannot grade and how to fix it. Fetched on the client (like the
 * account menu) so content pages stay static; /api/system/grading answers null for everyone but instructors.
 */
export function GradingBanner() {
  const [status, setStatus] = useState<GradingBannerState | null>(null);
  const [checking, setChecking] = useState(false);
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch on every navigation (the layout persists).
  useEffect(() => {
    let live = true;
    fetch("/api/system/grading", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { grading: null }))
      .then((body: { grading: GradingBannerState | null }) => live && setStatus(body.grading))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pathname]);
  const recheck = useCallback(() => {
    setChecking(true);
    fetch("/api/system/grading", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recheck: true }),
    })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { grading: GradingBannerState | null } | null) => body && setStatus(body.grading))
      .catch(() => undefined)
      .finally(() => setChecking(false));
  }, []);
  return <GradingBannerView status={status} checking={checking} onRecheck={recheck} />;
}

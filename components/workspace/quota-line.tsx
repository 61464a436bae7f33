"use client";
/** Remaining submissions today, the cooldown and the deadline, from the history API's quota. */
import { useEffect, useState } from "react";
import type { QuotaStatus } from "@/lib/submissions/history-quota";

function until(iso: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.ceil(s / 60);
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function QuotaLine({ quota }: { quota: QuotaStatus }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!quota.nextSubmissionAt) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [quota.nextSubmissionAt]);
  const cooling = quota.nextSubmissionAt && Date.parse(quota.nextSubmissionAt) > now;
  return (
    <p className="muted quota-line" data-testid="quota">
      <span data-testid="quota-remaining">
        {quota.remaining} of {quota.daily} graded submissions left today
      </span>{" "}
      (resets in {until(quota.resetsAt, now)})
      {quota.cooldownSeconds > 0 ? ` · cooldown ${quota.cooldownSeconds} s` : ""}
      {/* The student's own deadline: their extension, else their section's due date, else the offering's. */}
      <span data-testid="quota-deadline">
        {" "}
        · your deadline <time dateTime={quota.deadline}>{quota.deadline.slice(0, 16).replace("T", " ")} UTC</time>
      </span>
      {cooling ? <strong> · next submission in {until(quota.nextSubmissionAt!, now)}</strong> : null}
      {quota.closed ? <strong> · the deadline has passed; no late submissions</strong> : null}
    </p>
  );
}

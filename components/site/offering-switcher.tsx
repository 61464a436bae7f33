"use client";
import { useState } from "react";
import { sendJson } from "@/components/instructor/send-json";

export interface OfferingChoice {
  slug: string;
  title: string;
  role: "student" | "ta" | "instructor";
}

/**
 * The header's offering switcher: shown when the user is in more than one offering. Choosing one makes it the active
 * offering (POST /api/offerings/active sets the cookie) and reloads the page, whose data all follow it.
 */
export function OfferingSwitcher({ active, offerings }: { active: string; offerings: OfferingChoice[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (offerings.length < 2) return null;
  const choose = async (slug: string) => {
    setBusy(true);
    setError(null);
    const res = await sendJson("POST", "/api/offerings/active", { offering: slug });
    if (!res.ok) {
      setBusy(false);
      setError(res.error);
      return;
    }
    // A ?offering= in the address would override the new choice: drop it.
    const url = new URL(window.location.href);
    url.searchParams.delete("offering");
    window.location.assign(url.toString());
  };
  return (
    <span className="offering-switcher">
      <label>
        Offering{" "}
        <select
          data-testid="offering-switcher"
          value={active}
          disabled={busy}
          onChange={(e) => void choose(e.target.value)}
        >
          {offerings.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.title}
              {o.role === "student" ? "" : ` (${o.role === "ta" ? "TA" : "instructor"})`}
            </option>
          ))}
        </select>
      </label>
      {error ? <span role="alert">{error}</span> : null}
    </span>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

/** Starts validating the course folder as a new version, then refreshes the page until the verdict is in. */
export function PublishCourseButton({ validating }: { validating: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!validating) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [validating, router]);
  const publish = async () => {
    setBusy(true);
    setError(null);
    const res = await sendJson("POST", "/api/instructor/course", {});
    setBusy(false);
    if (!res.ok) setError(res.error);
    router.refresh();
  };
  return (
    <div data-testid="publish-course">
      <button type="button" onClick={publish} disabled={busy || validating}>
        {validating ? "Validating…" : "Publish the course folder"}
      </button>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

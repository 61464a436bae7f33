"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

export interface ProgressData {
  lessonsRead: string[];
  assignments: { slug: string; best: number | null; points: number; passed: boolean }[];
}

const ProgressContext = createContext<ProgressData | null>(null);

/** Loads the signed-in student's progress once per page; signed-out visitors simply see no marks. */
export function ProgressProvider({ children }: { children: ReactNode }) {
  const [data, setData] = useState<ProgressData | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/progress", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: ProgressData | null) => live && setData(body))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return <ProgressContext.Provider value={data}>{children}</ProgressContext.Provider>;
}

export function LessonReadMark({ slug }: { slug: string }) {
  const data = useContext(ProgressContext);
  if (!data?.lessonsRead.includes(slug)) return null;
  return (
    <span className="badge" data-testid={`read-${slug}`}>
      read
    </span>
  );
}

export function AssignmentMark({ slug }: { slug: string }) {
  const data = useContext(ProgressContext);
  const a = data?.assignments.find((x) => x.slug === slug);
  if (!a || a.best === null) return null;
  return (
    <span className="badge" data-testid={`assignment-${slug}`}>
      {a.passed ? "passed" : "not passed yet"} · best {a.best}/{a.points}
    </span>
  );
}

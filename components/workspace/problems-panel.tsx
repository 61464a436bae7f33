"use client";
/** Every marker on the student's file (TypeScript diagnostics, public-test and grader errors), each a link to its line. */
export interface Problem {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning" | "info";
  source: string;
}

export function ProblemsPanel({
  problems,
  onLocate,
}: {
  problems: Problem[];
  onLocate(line: number, column: number): void;
}) {
  if (problems.length === 0)
    return (
      <p className="muted" data-testid="no-problems">
        No problems found in your code.
      </p>
    );
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p, i) => (
        <li key={i} className={p.severity} data-testid="problem">
          <button type="button" className="link" onClick={() => onLocate(p.line, p.column)}>
            Line {p.line}:{p.column}
          </button>{" "}
          {p.message} <span className="muted">({p.source})</span>
        </li>
      ))}
    </ul>
  );
}

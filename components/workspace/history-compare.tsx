"use client";
/** Pick two of your submissions and see what changed between them. */
import { useState } from "react";
import { DiffView } from "./diff-view";

export interface CompareOption {
  id: string;
  label: string;
}

async function source(id: string): Promise<string> {
  const r = await fetch(`/api/submissions/${id}/source`, { cache: "no-store" });
  if (!r.ok) throw new Error(`submission ${id}: HTTP ${r.status}`);
  return ((await r.json()) as { source: string }).source;
}

export function HistoryCompare({ options }: { options: CompareOption[] }) {
  const [a, setA] = useState(options[1]?.id ?? "");
  const [b, setB] = useState(options[0]?.id ?? "");
  const [diff, setDiff] = useState<{ original: string; modified: string; a: string; b: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (options.length < 2) return <p className="muted">Submit at least twice to compare two submissions.</p>;
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const compare = async () => {
    setError(null);
    try {
      const [original, modified] = await Promise.all([source(a), source(b)]);
      setDiff({ original, modified, a, b });
    } catch (err) {
      setError(`Could not load the code: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <div>
      <div className="diff-picker">
        <label>
          Older
          <select value={a} onChange={(e) => setA(e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Newer
          <select value={b} onChange={(e) => setB(e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void compare()} disabled={a === b}>
          Compare
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {diff ? (
        <DiffView
          original={diff.original}
          modified={diff.modified}
          originalLabel={label(diff.a)}
          modifiedLabel={label(diff.b)}
        />
      ) : null}
    </div>
  );
}
